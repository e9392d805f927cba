using Microsoft.EntityFrameworkCore.Metadata;

namespace AdminSite.Data.SchemaCompatibility;

/// <summary>
/// What a build's model maps, reduced to what decides whether that build can run on a changed schema: tables,
/// their columns (type, nullability, length), keys, unique indexes and constraints, foreign keys, check
/// constraints, sequences. Each migration's target model gives the shape of the build that shipped it.
/// </summary>
public sealed class SchemaShape
{
    public static readonly SchemaShape Empty = new(new Dictionary<string, TableShape>(), new HashSet<string>());

    private readonly IReadOnlyDictionary<string, TableShape> _tables;
    private readonly IReadOnlySet<string> _sequences;

    public SchemaShape(IReadOnlyDictionary<string, TableShape> tables, IReadOnlySet<string> sequences)
    {
        _tables = tables;
        _sequences = sequences;
    }

    public static SchemaShape Of(IRelationalModel model) => new(
        model.Tables.ToDictionary(t => Key(t.Schema, t.Name), TableShape.Of),
        model.Sequences.Select(s => Key(s.Schema, s.Name)).ToHashSet());

    /// <summary>Tables are told apart by schema and name; no schema means the database's default one.</summary>
    public static string Key(string? schema, string table) => schema is null ? table : $"{schema}.{table}";

    public TableShape? Table(string? schema, string table) => _tables.GetValueOrDefault(Key(schema, table));

    public ColumnShape? Column(string? schema, string table, string column) => Table(schema, table)?.Columns.GetValueOrDefault(column);

    public bool HasSequence(string? schema, string name) => _sequences.Contains(Key(schema, name));
}

public sealed record ColumnShape(string StoreType, bool IsNullable, int? MaxLength);

/// <summary>A key, index or constraint: its name and (in order) its columns.</summary>
public sealed record ConstraintShape(string Name, IReadOnlyList<string> Columns)
{
    public bool Covers(IEnumerable<string> columns) => Columns.SequenceEqual(columns, StringComparer.Ordinal);
}

public sealed record ForeignKeyShape(string Name, IReadOnlyList<string> Columns, string PrincipalTable);

public sealed record TableShape(
    IReadOnlyDictionary<string, ColumnShape> Columns,
    ConstraintShape? PrimaryKey,
    IReadOnlyList<ConstraintShape> Unique,
    IReadOnlyList<ForeignKeyShape> ForeignKeys,
    IReadOnlySet<string> CheckConstraints)
{
    public static TableShape Of(ITable table) => new(
        table.Columns.ToDictionary(c => c.Name, c => new ColumnShape(c.StoreType, c.IsNullable, c.MaxLength)),
        table.PrimaryKey is { } key ? Constraint(key.Name, key.Columns) : null,
        [
            .. table.Indexes.Where(i => i.IsUnique).Select(i => Constraint(i.Name, i.Columns)),
            .. table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()).Select(u => Constraint(u.Name, u.Columns)),
        ],
        [.. table.ForeignKeyConstraints.Select(f => new ForeignKeyShape(f.Name, [.. f.Columns.Select(c => c.Name)], SchemaShape.Key(f.PrincipalTable.Schema, f.PrincipalTable.Name)))],
        table.CheckConstraints.Select(c => c.Name!).ToHashSet());

    private static ConstraintShape Constraint(string name, IEnumerable<IColumn> columns) => new(name, [.. columns.Select(c => c.Name)]);
}
