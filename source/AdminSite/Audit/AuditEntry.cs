namespace AdminSite.Audit;

/// <summary>
/// One line of the append-only admin log. The actor is copied, not referenced: entries must outlive
/// the account that made them (Django's LogEntry cascades away with its user; ours must not).
/// </summary>
public class AuditEntry
{
    public const int ObjectReprMaxLength = 200;

    public long Id { get; set; }

    public DateTime ActionTime { get; set; }

    public string? ActorId { get; set; }

    public string ActorUserName { get; set; } = "";

    /// <summary>The admin model key, e.g. <c>user</c> or <c>group</c>.</summary>
    public string ObjectType { get; set; } = "";

    public string ObjectId { get; set; } = "";

    public string ObjectRepr { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>Display names of the changed fields, JSON-encoded; empty for additions and deletions.</summary>
    public string ChangedFields { get; set; } = "[]";

    public string? Message { get; set; }

    /// <summary>
    /// The values before and after, per field, as a JSON list of <see cref="FieldChange"/>. Secrets (password
    /// hashes, security stamps, authenticator keys, recovery codes) never reach it: see <see cref="AuditLog"/>.
    /// </summary>
    public string Changes { get; set; } = "[]";
}
