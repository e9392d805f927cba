namespace AdminSite.Audit;

/// <summary>Values match Django's LogEntry action flags, so exported logs read the same.</summary>
public enum AuditAction
{
    Added = 1,
    Changed = 2,
    Deleted = 3,
}
