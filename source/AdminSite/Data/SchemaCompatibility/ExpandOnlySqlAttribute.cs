namespace AdminSite.Data.SchemaCompatibility;

/// <summary>
/// On a migration whose raw SQL (<c>migrationBuilder.Sql</c>) only adds: the analyser cannot read SQL, so the author
/// says why it is safe for the previous release. Every other operation of the migration is still checked.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExpandOnlySqlAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
