using AdminSite.Data.SchemaCompatibility;

namespace AdminSite.Tests.Data.SchemaCompatibility;

/// <summary>A <see cref="SchemaShape"/> written out by hand: what some build's model maps.</summary>
internal sealed class ShapeBuilder
{
    private readonly Dictionary<string, TableBuilder> _tables = [];

    public ShapeBuilder Table(string name, Action<TableBuilder> build)
    {
        build(_tables.TryGetValue(name, out var table) ? table : _tables[name] = new TableBuilder());
        return this;
    }

    public SchemaShape Build() => new(_tables.ToDictionary(t => t.Key, t => t.Value.Build()), new HashSet<string>());

    internal sealed class TableBuilder
    {
        private readonly Dictionary<string, ColumnShape> _columns = [];
        private readonly List<ConstraintShape> _unique = [];
        private readonly List<ForeignKeyShape> _foreignKeys = [];

        public TableBuilder Column(string name, bool nullable = true, string type = "TEXT", int? maxLength = null)
        {
            _columns[name] = new ColumnShape(type, nullable, maxLength);
            return this;
        }

        public TableBuilder Unique(string name, params string[] columns)
        {
            _unique.Add(new ConstraintShape(name, columns));
            return this;
        }

        public TableBuilder ForeignKey(string name, string principal, params string[] columns)
        {
            _foreignKeys.Add(new ForeignKeyShape(name, columns, principal));
            return this;
        }

        public TableShape Build() => new(_columns, new ConstraintShape("PK", ["Id"]), _unique, _foreignKeys, new HashSet<string>());
    }
}
