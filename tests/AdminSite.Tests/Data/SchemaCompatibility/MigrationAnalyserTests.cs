using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AdminSite.Tests.Data.SchemaCompatibility;

/// <summary>
/// Each expand/contract rule on made-up migrations, both ways: a step the previous build's model already agrees
/// with is compatible with that build (its oldest compatible migration is the previous one); the same step against a
/// model that disagrees needs the new migration's own build. Expand steps need no particular build.
/// </summary>
[TestFixture]
public sealed class MigrationAnalyserTests
{
    private const string Older = "20260101000000_Older";
    private const string Previous = "20260201000000_Previous";
    private const string Next = "20260301000000_Next";

    public static IEnumerable<TestCaseData> ExpandSteps()
    {
        yield return Case("a new table", new CreateTableOperation { Name = "Tags" });
        yield return Case("a nullable column", new AddColumnOperation { Table = "Users", Name = "Nickname", ClrType = typeof(string), IsNullable = true });
        yield return Case("a NOT NULL column with a default", new AddColumnOperation { Table = "Users", Name = "Theme", ClrType = typeof(string), DefaultValue = "Auto" });
        yield return Case("a NOT NULL column with a default in SQL", new AddColumnOperation { Table = "Users", Name = "Joined", ClrType = typeof(DateTime), DefaultValueSql = "now()" });
        yield return Case("a NOT NULL column on a table this migration creates", new AddColumnOperation { Table = "Tags", Name = "Name", ClrType = typeof(string) }, new CreateTableOperation { Name = "Tags" });
        yield return Case("a non-unique index", new CreateIndexOperation { Name = "IX_Users_Email", Table = "Users", Columns = ["Email"] });
        yield return Case("a unique index on a table this migration creates", new CreateIndexOperation { Name = "IX_Tags_Name", Table = "Tags", Columns = ["Name"], IsUnique = true }, new CreateTableOperation { Name = "Tags" });
        yield return Case("dropping an index that is not unique", new DropIndexOperation { Name = "IX_Users_Email", Table = "Users" });
        yield return Case("renaming an index", new RenameIndexOperation { Name = "IX_A", NewName = "IX_B", Table = "Users" });
        yield return Case("a column made nullable", Alter("Email", nullable: true, oldNullable: false));
        yield return Case("a column made longer", Alter("Email", maxLength: 256, oldMaxLength: 64));
        yield return Case("seed rows added", new InsertDataOperation { Table = "Users", Columns = ["Id"], Values = new object[,] { { 1 } } });
        yield return Case("SQL its author vouches for", new SqlOperation { Sql = "CREATE INDEX ix ON Users (lower(Email))" }, sqlReason: "only an index");
    }

    [TestCaseSource(nameof(ExpandSteps))]
    public void An_expand_step_is_compatible_with_any_build(MigrationOperation[] operations, string? sqlReason)
    {
        var verdict = Analyse(PreviousModel().Build(), operations, sqlReason);

        verdict.OldestCompatibleMigration.Should().BeNull(string.Join(", ", verdict.Findings.Select(f => f.Change)));
        verdict.Findings.Should().BeEmpty();
    }

    public static IEnumerable<TestCaseData> ContractSteps()
    {
        yield return Contract("DropColumn Users.Nickname", new DropColumnOperation { Table = "Users", Name = "Nickname" },
            breaks: t => t.Column("Nickname"), agrees: _ => { });
        yield return Contract("DropTable Legacy", new DropTableOperation { Name = "Legacy" },
            breaks: null, agrees: null, legacyTable: true);
        yield return Contract("AddColumn Users.Age (NOT NULL, no default)", new AddColumnOperation { Table = "Users", Name = "Age", ClrType = typeof(int) },
            breaks: _ => { }, agrees: t => t.Column("Age", nullable: false));
        yield return Contract("RenameColumn Users.Name to FullName", new RenameColumnOperation { Table = "Users", Name = "Name", NewName = "FullName" },
            breaks: t => t.Column("Name"), agrees: t => t.Column("FullName"));
        yield return Contract("AlterColumn Users.Email (NOT NULL)", Alter("Email", nullable: false, oldNullable: true),
            breaks: t => t.Column("Email", nullable: true), agrees: t => t.Column("Email", nullable: false));
        yield return Contract("AlterColumn Users.Email (max length 64)", Alter("Email", maxLength: 64, oldMaxLength: 256),
            breaks: t => t.Column("Email", maxLength: 256), agrees: t => t.Column("Email", maxLength: 64));
        yield return Contract("AlterColumn Users.Email (type TEXT to INTEGER)", Alter("Email", type: "INTEGER"),
            breaks: t => t.Column("Email", type: "TEXT"), agrees: t => t.Column("Email", type: "INTEGER"));
        yield return Contract("CreateIndex IX_Users_Email (unique) on Users(Email)", new CreateIndexOperation { Name = "IX_Users_Email", Table = "Users", Columns = ["Email"], IsUnique = true },
            breaks: _ => { }, agrees: t => t.Unique("IX_Users_Email", "Email"));
        yield return Contract("AddUniqueConstraint AK_Users_Email on Users(Email)", new AddUniqueConstraintOperation { Name = "AK_Users_Email", Table = "Users", Columns = ["Email"] },
            breaks: _ => { }, agrees: t => t.Unique("AK_Users_Email", "Email"));
        yield return Contract("DropUniqueConstraint AK_Users_Email", new DropUniqueConstraintOperation { Name = "AK_Users_Email", Table = "Users" },
            breaks: t => t.Unique("AK_Users_Email", "Email"), agrees: _ => { });
        yield return Contract("AddForeignKey FK_Users_Groups", new AddForeignKeyOperation { Name = "FK_Users_Groups", Table = "Users", Columns = ["GroupId"], PrincipalTable = "Groups" },
            breaks: _ => { }, agrees: t => t.ForeignKey("FK_Users_Groups", "Groups", "GroupId"));
        yield return Contract("DropForeignKey FK_Users_Groups", new DropForeignKeyOperation { Name = "FK_Users_Groups", Table = "Users" },
            breaks: t => t.ForeignKey("FK_Users_Groups", "Groups", "GroupId"), agrees: _ => { });
    }

    [TestCaseSource(nameof(ContractSteps))]
    public void A_contract_step_needs_its_own_build_unless_the_previous_model_already_agrees(string change, MigrationOperation operation, SchemaShape breaks, SchemaShape agrees)
    {
        var refused = Analyse(breaks, [operation]);
        var allowed = Analyse(agrees, [operation]);

        refused.OldestCompatibleMigration.Should().Be(Next, "the previous build maps what this step changes");
        refused.Findings.Should().ContainSingle().Which.Change.Should().Be(change);
        allowed.OldestCompatibleMigration.Should().Be(Previous, "the previous build's model already agrees with the step");
    }

    [Test]
    public void Dropping_an_index_the_previous_build_maps_as_unique_needs_the_new_build()
    {
        var unique = PreviousModel().Table("Users", t => t.Unique("IX_Users_Email", "Email")).Build();

        Analyse(unique, [new DropIndexOperation { Name = "IX_Users_Email", Table = "Users" }]).OldestCompatibleMigration.Should().Be(Next);
    }

    [Test]
    public void A_column_unmapped_two_releases_ago_can_be_dropped_under_either_of_them()
    {
        var unmapped = PreviousModel().Build();
        var mapped = PreviousModel().Table("Users", t => t.Column("Nickname")).Build();
        var drop = new DropColumnOperation { Table = "Users", Name = "Nickname" };

        Analyse(unmapped, [drop], older: unmapped).OldestCompatibleMigration.Should().Be(Older);
        Analyse(unmapped, [drop], older: mapped).OldestCompatibleMigration.Should().Be(Previous);
    }

    [Test]
    public void A_migration_needs_the_newest_build_any_of_its_steps_needs_and_reports_each_with_how_to_split_it()
    {
        var model = PreviousModel().Table("Users", t => t.Column("Name")).Build();
        MigrationOperation[] operations =
        [
            new AddColumnOperation { Table = "Users", Name = "Nickname", ClrType = typeof(string), IsNullable = true },
            new DropColumnOperation { Table = "Users", Name = "Legacy" },
            new RenameColumnOperation { Table = "Users", Name = "Name", NewName = "FullName" },
        ];

        var verdict = Analyse(model, operations);

        verdict.OldestCompatibleMigration.Should().Be(Next);
        verdict.Findings.Select(f => (f.Change, f.OldestCompatibleMigration)).Should().Equal(
            ("DropColumn Users.Legacy", Previous), ("RenameColumn Users.Name to FullName", Next));
        verdict.Findings[0].Split.Should().StartWith("Stop mapping it in this release");
        verdict.Findings[1].Split.Should().Contain("add the new one now and write both (expand)");
    }

    [Test]
    public void SQL_the_analyser_cannot_read_and_operations_it_has_no_rule_for_need_the_new_build()
    {
        var model = PreviousModel().Build();

        var sql = Analyse(model, [new SqlOperation { Sql = "UPDATE Users SET Email = lower(Email)" }]);
        var unknown = Analyse(model, [new MadeUpOperation()]);

        sql.OldestCompatibleMigration.Should().Be(Next);
        sql.Findings.Single().Split.Should().Contain("[ExpandOnlySql(");
        unknown.OldestCompatibleMigration.Should().Be(Next);
        unknown.Findings.Single().Split.Should().Be("No expand/contract rule knows MadeUpOperation: add one to OperationRules.");
    }

    private static MigrationVerdict Analyse(SchemaShape previous, MigrationOperation[] operations, string? sqlReason = null, SchemaShape? older = null)
    {
        List<MigrationStep> steps = older is null ? [] : [new MigrationStep(Older, [], older)];
        steps.Add(new MigrationStep(Previous, [], previous));
        steps.Add(new MigrationStep(Next, operations, previous, sqlReason));
        return MigrationAnalyser.Analyse(steps)[^1];
    }

    // Users (Id, Email) and Groups: what every made-up build maps, before each case adds its own.
    private static ShapeBuilder PreviousModel() => new ShapeBuilder()
        .Table("Users", t => t.Column("Id", nullable: false, type: "INTEGER").Column("Email").Column("GroupId", type: "INTEGER"))
        .Table("Groups", t => t.Column("Id", nullable: false, type: "INTEGER"));

    private static AlterColumnOperation Alter(string column, bool nullable = true, bool oldNullable = true, int? maxLength = null, int? oldMaxLength = null, string type = "TEXT") => new()
    {
        Table = "Users", Name = column, ClrType = typeof(string), ColumnType = type, IsNullable = nullable, MaxLength = maxLength,
        OldColumn = new AddColumnOperation { Table = "Users", Name = column, ClrType = typeof(string), ColumnType = "TEXT", IsNullable = oldNullable, MaxLength = oldMaxLength },
    };

    private static TestCaseData Case(string name, MigrationOperation operation, MigrationOperation? createdFirst = null, string? sqlReason = null) =>
        new TestCaseData(createdFirst is null ? new[] { operation } : [createdFirst, operation], sqlReason).SetName($"Expand: {name}");

    private static TestCaseData Contract(string change, MigrationOperation operation, Action<ShapeBuilder.TableBuilder>? breaks, Action<ShapeBuilder.TableBuilder>? agrees, bool legacyTable = false)
    {
        var breaking = legacyTable ? PreviousModel().Table("Legacy", t => t.Column("Id")) : PreviousModel().Table("Users", breaks!);
        var agreeing = legacyTable ? PreviousModel() : PreviousModel().Table("Users", agrees!);
        return new TestCaseData(change, operation, breaking.Build(), agreeing.Build()).SetName($"Contract: {change}");
    }

    private sealed class MadeUpOperation : MigrationOperation;
}
