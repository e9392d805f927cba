using System.Text.Json;
using AdminSite.Authorization;
using AdminSite.Data;

namespace AdminSite.Audit;

/// <summary>
/// Adds audit entries to the request's context; they are saved by the same SaveChanges (and transaction)
/// as the change they describe, so the log never claims a change that did not happen, nor misses one.
/// </summary>
public sealed class AuditLog(AdminDbContext db, TimeProvider time)
{
    public void Added(AdminAccess actor, AdminModel model, string id, string repr) =>
        Add(actor, model, id, repr, AuditAction.Added, [], null);

    public void Changed(AdminAccess actor, AdminModel model, string id, string repr, IReadOnlyList<string> fields, string? message = null) =>
        Add(actor, model, id, repr, AuditAction.Changed, fields, message);

    public void Deleted(AdminAccess actor, AdminModel model, string id, string repr) =>
        Add(actor, model, id, repr, AuditAction.Deleted, [], null);

    private void Add(AdminAccess actor, AdminModel model, string id, string repr, AuditAction action, IReadOnlyList<string> fields, string? message) =>
        db.AuditEntries.Add(new AuditEntry
        {
            ActionTime = time.GetUtcNow().UtcDateTime,
            ActorId = actor.UserId,
            ActorUserName = actor.UserName,
            ObjectType = model.Key,
            ObjectId = id,
            ObjectRepr = repr.Length > AuditEntry.ObjectReprMaxLength ? repr[..AuditEntry.ObjectReprMaxLength] : repr,
            Action = action,
            ChangedFields = JsonSerializer.Serialize(fields),
            Message = message,
        });

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
