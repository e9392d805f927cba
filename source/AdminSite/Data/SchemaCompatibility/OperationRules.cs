using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AdminSite.Data.SchemaCompatibility;

/// <summary>
/// A step that older code may trip on, and how to tell whether a given build's model already agrees with it
/// (then that build runs on the changed schema): a build that no longer maps a column survives its drop, one that
/// already writes a column as required survives its NOT NULL.
/// </summary>
public sealed record Contract(string Change, Func<SchemaShape, bool> Tolerates, string Split);

/// <summary>
/// The expand/contract rule for each migration operation. Expand steps (a new table, a nullable column or one with a
/// default, a non-unique index, anything on a table the same migration creates) are safe for any older build; every
/// other step is a <see cref="Contract"/>; an operation without a rule here counts as one no build tolerates.
/// </summary>
public static class OperationRules
{
    private const string StopMappingFirst =
        "Stop mapping it in this release: remove the property or entity, and cut the generated drop out of this migration. " +
        "In the next release paste the drop into a new migration (the model snapshot already has the change, so " +
        "`dotnet ef migrations add` will not generate it again).";

    private const string TightenLater =
        "Make the code write the stricter shape in this release but leave the schema loose: keep the model change and cut this " +
        "step out of the migration. In the next release paste it into a new migration (the model snapshot already has the " +
        "change, so `dotnet ef migrations add` will not generate it again).";

    private const string RenameInThreeReleases =
        "A rename breaks every build that maps the old name: add the new one now and write both (expand), " +
        "stop mapping the old one in the next release, and drop it in the release after that.";

    private const string ChangeSeedLater =
        "Changing or deleting seed rows the previous release reads breaks it: stop reading them in this release, change them in the next.";

    /// <param name="operation">One of the migration's Up operations.</param>
    /// <param name="previous">The model of the migration before (what the previous build maps).</param>
    /// <param name="createdHere">Tables the same migration creates: no older build uses them.</param>
    /// <param name="sqlReason">Why the migration's raw SQL only adds, when its author said so.</param>
    /// <returns>Null for an expand step.</returns>
    public static Contract? Classify(MigrationOperation operation, SchemaShape previous, IReadOnlySet<string> createdHere, string? sqlReason)
    {
        if (operation is ITableMigrationOperation table && createdHere.Contains(SchemaShape.Key(table.Schema, table.Table)))
        {
            return null;
        }

        return operation switch
        {
            CreateTableOperation or EnsureSchemaOperation or CreateSequenceOperation or AlterSequenceOperation or RestartSequenceOperation
                or AlterDatabaseOperation or AlterTableOperation or RenameIndexOperation or InsertDataOperation or DropCheckConstraintOperation => null,
            AddColumnOperation add when add.IsNullable || add.DefaultValue is not null || add.DefaultValueSql is not null || add.ComputedColumnSql is not null => null,
            AddColumnOperation add => new($"AddColumn {add.Table}.{add.Name} (NOT NULL, no default)",
                shape => shape.Column(add.Schema, add.Table, add.Name) is not null,
                "Add the column nullable or with a default now (expand); make it required in a later release."),
            CreateIndexOperation { IsUnique: false } => null,
            CreateIndexOperation index => UniqueOn(index.Schema, index.Table, index.Columns, $"CreateIndex {index.Name} (unique)"),
            AddUniqueConstraintOperation unique => UniqueOn(unique.Schema, unique.Table, unique.Columns, $"AddUniqueConstraint {unique.Name}"),
            DropColumnOperation drop => new($"DropColumn {drop.Table}.{drop.Name}",
                shape => shape.Column(drop.Schema, drop.Table, drop.Name) is null, StopMappingFirst),
            DropTableOperation drop => new($"DropTable {drop.Name}", shape => shape.Table(drop.Schema, drop.Name) is null, StopMappingFirst),
            DropSequenceOperation drop => new($"DropSequence {drop.Name}", shape => !shape.HasSequence(drop.Schema, drop.Name), StopMappingFirst),
            DropIndexOperation drop when IsUniqueIn(previous, drop.Schema, drop.Table!, drop.Name) =>
                new($"DropIndex {drop.Name} (unique)", shape => !IsUniqueIn(shape, drop.Schema, drop.Table!, drop.Name), StopMappingFirst),
            DropIndexOperation => null,
            DropUniqueConstraintOperation drop => new($"DropUniqueConstraint {drop.Name}",
                shape => !IsUniqueIn(shape, drop.Schema, drop.Table!, drop.Name), StopMappingFirst),
            DropForeignKeyOperation drop => new($"DropForeignKey {drop.Name}",
                shape => shape.Table(drop.Schema, drop.Table!)?.ForeignKeys.All(f => f.Name != drop.Name) ?? true, StopMappingFirst),
            AddForeignKeyOperation key => new($"AddForeignKey {key.Name}",
                shape => shape.Table(key.Schema, key.Table!)?.ForeignKeys.Any(f => f.Columns.SequenceEqual(key.Columns)) ?? false, TightenLater),
            AddCheckConstraintOperation check => new($"AddCheckConstraint {check.Name}",
                shape => shape.Table(check.Schema, check.Table!)?.CheckConstraints.Contains(check.Name) ?? false, TightenLater),
            AddPrimaryKeyOperation key => new($"AddPrimaryKey {key.Name}",
                shape => shape.Table(key.Schema, key.Table!)?.PrimaryKey?.Covers(key.Columns) ?? false, TightenLater),
            DropPrimaryKeyOperation key => new($"DropPrimaryKey {key.Name}",
                shape => shape.Table(key.Schema, key.Table!)?.PrimaryKey?.Name != key.Name, TightenLater),
            AlterColumnOperation alter => AlterColumnRules.Classify(alter, TightenLater),
            RenameColumnOperation rename => new($"RenameColumn {rename.Table}.{rename.Name} to {rename.NewName}",
                shape => shape.Column(rename.Schema, rename.Table, rename.Name) is null && shape.Column(rename.Schema, rename.Table, rename.NewName) is not null,
                RenameInThreeReleases),
            RenameTableOperation rename => new($"RenameTable {rename.Name} to {rename.NewName}",
                shape => shape.Table(rename.Schema, rename.Name) is null && shape.Table(rename.NewSchema ?? rename.Schema, rename.NewName ?? rename.Name) is not null,
                RenameInThreeReleases),
            SqlOperation when sqlReason is not null => null,
            SqlOperation sql => new($"Sql \"{Abbreviate(sql.Sql)}\"", _ => false,
                "The analyser cannot read SQL. If it only adds (tables, columns with a default, indexes), say why on the migration with " +
                "[ExpandOnlySql(\"...\")]; if it removes or tightens, ship it a release after the code stops depending on what it changes."),
            UpdateDataOperation update => new($"UpdateData on {update.Table}", _ => false, ChangeSeedLater),
            DeleteDataOperation delete => new($"DeleteData on {delete.Table}", _ => false, ChangeSeedLater),
            _ => new(operation.GetType().Name, _ => false, $"No expand/contract rule knows {operation.GetType().Name}: add one to {nameof(OperationRules)}."),
        };
    }

    private static Contract UniqueOn(string? schema, string table, string[] columns, string change) =>
        new($"{change} on {table}({string.Join(", ", columns)})",
            shape => shape.Table(schema, table)?.Unique.Any(u => u.Covers(columns)) ?? false, TightenLater);

    private static bool IsUniqueIn(SchemaShape shape, string? schema, string table, string name) =>
        shape.Table(schema, table)?.Unique.Any(u => u.Name == name) ?? false;

    private static string Abbreviate(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }
}
