using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AdminSite.Data.SchemaCompatibility;

/// <summary>
/// An altered column tightens the schema when it becomes NOT NULL, changes its base type, or gets shorter: a build
/// survives that only if its model already maps the column so. Loosening (nullable, longer) is an expand step.
/// </summary>
internal static partial class AlterColumnRules
{
    public static Contract? Classify(AlterColumnOperation alter, string split)
    {
        var old = alter.OldColumn;
        var checks = new List<(string What, Func<ColumnShape, bool> Agrees)>();
        if (!alter.IsNullable && old.IsNullable)
        {
            checks.Add(("NOT NULL", column => !column.IsNullable));
        }

        if (alter.ColumnType is { } type && old.ColumnType is { } oldType && !string.Equals(BaseType(type), BaseType(oldType), StringComparison.OrdinalIgnoreCase))
        {
            checks.Add(($"type {oldType} to {type}", column => string.Equals(BaseType(column.StoreType), BaseType(type), StringComparison.OrdinalIgnoreCase)));
        }

        if (alter.MaxLength is { } length && (old.MaxLength is null || old.MaxLength > length))
        {
            checks.Add(($"max length {length}", column => column.MaxLength <= length));
        }

        if (checks.Count == 0)
        {
            return null;
        }

        return new Contract(
            $"AlterColumn {alter.Table}.{alter.Name} ({string.Join(", ", checks.Select(c => c.What))})",
            shape => shape.Column(alter.Schema, alter.Table, alter.Name) is { } column && checks.All(c => c.Agrees(column)),
            split);
    }

    // "character varying(256)" and "character varying(64)" differ in length only, which is checked on its own.
    private static string BaseType(string storeType) => Parenthesised().Replace(storeType, "").Trim();

    [GeneratedRegex(@"\(.*?\)")]
    private static partial Regex Parenthesised();
}
