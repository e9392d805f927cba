using System.Text.Json;
using AdminSite.Authorization;
using AdminSite.Data;

namespace AdminSite.Audit;

/// <summary>
/// Adds audit entries to the request's context; they are saved by the same SaveChanges (and transaction)
/// as the change they describe, so the log never claims a change that did not happen, nor misses one.
/// </summary>
/// <remarks>
/// Values arrive already formatted for display, chosen by the caller field by field. Secrets are never among
/// them: a password change is logged as a message without values, and <see cref="SecretFields"/> is refused
/// outright, so a careless caller fails loudly instead of writing a hash into the evidence.
/// </remarks>
public sealed class AuditLog(AdminDbContext db, TimeProvider time)
{
    /// <summary>Fields whose values must never be stored or shown, whatever their display name.</summary>
    public static readonly IReadOnlySet<string> SecretFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Password", "PasswordHash", "Password hash", "SecurityStamp", "Security stamp", "ConcurrencyStamp",
        "AuthenticatorKey", "Authenticator key", "RecoveryCodes", "Recovery codes",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Added(AdminAccess actor, AdminModel model, string id, string repr, IReadOnlyList<FieldChange>? values = null) =>
        Add(actor, model, id, repr, AuditAction.Added, values ?? [], null);

    public void Changed(AdminAccess actor, AdminModel model, string id, string repr, IReadOnlyList<FieldChange> changes, string? message = null) =>
        Add(actor, model, id, repr, AuditAction.Changed, changes, message);

    public void Deleted(AdminAccess actor, AdminModel model, string id, string repr, IReadOnlyList<FieldChange>? values = null) =>
        Add(actor, model, id, repr, AuditAction.Deleted, values ?? [], null);

    private void Add(AdminAccess actor, AdminModel model, string id, string repr, AuditAction action, IReadOnlyList<FieldChange> changes, string? message)
    {
        if (changes.FirstOrDefault(c => SecretFields.Contains(c.Field)) is { } secret)
        {
            throw new InvalidOperationException($"The audit log does not record values of the secret field '{secret.Field}'.");
        }

        db.AuditEntries.Add(new AuditEntry
        {
            ActionTime = time.GetUtcNow().UtcDateTime,
            ActorId = actor.UserId,
            ActorUserName = actor.UserName,
            ObjectType = model.Key,
            ObjectId = id,
            ObjectRepr = repr.Length > AuditEntry.ObjectReprMaxLength ? repr[..AuditEntry.ObjectReprMaxLength] : repr,
            Action = action,
            ChangedFields = action == AuditAction.Changed ? JsonSerializer.Serialize(changes.Select(c => c.Field)) : "[]",
            Changes = JsonSerializer.Serialize(changes, Json),
            Message = message,
        });
    }

    /// <summary>The recorded values; entries written before values were recorded have none.</summary>
    public static IReadOnlyList<FieldChange> ChangesOf(AuditEntry entry) =>
        string.IsNullOrEmpty(entry.Changes)
            ? []
            : (JsonSerializer.Deserialize<List<FieldChange>>(entry.Changes, Json) ?? []).Select(Readable).ToList();

    private static FieldChange Readable(FieldChange change) =>
        AuditValues.PermissionFields.Contains(change.Field)
            ? change with { Before = Labels(change.Before), After = Labels(change.After) }
            : change;

    private static string? Labels(string? permissions) => permissions is null ? null : AuditValues.PermissionLabels(permissions);

    /// <summary>Django's change message: "Added.", "Changed First name and Groups.", "Deleted.".</summary>
    public static string Describe(AuditEntry entry)
    {
        if (entry.Message is { Length: > 0 } message)
        {
            return message;
        }

        return entry.Action switch
        {
            AuditAction.Added => "Added.",
            AuditAction.Deleted => "Deleted.",
            _ => JsonSerializer.Deserialize<List<string>>(entry.ChangedFields) is { Count: > 0 } fields
                ? $"Changed {JoinFields(fields)}."
                : "No fields changed.",
        };
    }

    private static string JoinFields(List<string> fields) =>
        fields.Count == 1 ? fields[0] : $"{string.Join(", ", fields[..^1])} and {fields[^1]}";
}
