using AdminSite.Data;
using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Data.SchemaCompatibility;

/// <summary>
/// The rule that makes a rollback safe, checked before anything ships: the previous release must run on the next
/// release's schema, so no migration of either provider may hold a step the build before it would trip on.
/// </summary>
[TestFixture]
public sealed class MigrationCompatibilityTests
{
    [TestCase("Sqlite")]
    [TestCase("PostgreSQL")]
    public void Every_migration_runs_under_the_build_before_it(string provider)
    {
        using DbContext db = provider == "Sqlite" ? new DesignTimeFactories.Sqlite().CreateDbContext([]) : new DesignTimeFactories.PostgreSql().CreateDbContext([]);
        var verdicts = MigrationAnalyser.Analyse(MigrationAnalyser.StepsOf(db));
        foreach (var verdict in verdicts)
        {
            TestContext.Out.WriteLine($"{verdict.MigrationId}: {verdict.OldestCompatibleMigration ?? "expand only, any build runs on it"}");
        }

        // The first migration has no build before it to break.
        var breaking = verdicts.Skip(1).SelectMany(v => v.Findings.Where(f => f.OldestCompatibleMigration == v.MigrationId).Select(f =>
            $"{provider} migration {v.MigrationId}: {f.Change} breaks the release before it, which would then fail to start after a rollback " +
            $"(and its pods turn unready during a rolling deploy). Split it into an expand step now and a contract step in a later release: {f.Split}"));
        verdicts.Should().NotBeEmpty();
        breaking.Should().BeEmpty();
    }

    [Test]
    public void The_analyser_reads_each_migrations_own_target_model()
    {
        using var db = new DesignTimeFactories.Sqlite().CreateDbContext([]);

        var steps = MigrationAnalyser.StepsOf(db);

        steps.Select(s => s.Id).Should().Equal(db.Database.GetMigrations());
        steps[0].Column("AspNetUsers", "UserName").Should().Be(new ColumnShape("TEXT", IsNullable: true, MaxLength: 150));
        steps[0].Column("AspNetUsers", "Theme").Should().BeNull("the first release had no themes");
        steps[1].Column("AspNetUsers", "Theme").Should().Be(new ColumnShape("TEXT", IsNullable: false, MaxLength: 8));
        steps[1].Target.Table(null, "AspNetUsers")!.Unique.Should().ContainSingle(u => u.Name == "UserNameIndex" && u.Covers(new[] { "NormalizedUserName" }));
        steps[1].Operations.Should().NotBeEmpty();
    }
}

internal static class MigrationStepExtensions
{
    public static ColumnShape? Column(this MigrationStep step, string table, string column) => step.Target.Column(null, table, column);
}
