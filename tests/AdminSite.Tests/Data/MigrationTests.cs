using AdminSite.Data;
using AdminSite.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Data;

/// <summary>
/// Both providers' migrations exist and match the model, both as `dotnet ef` builds it (design-time
/// factories) and as the running site does (where Identity's options also shape the model).
/// </summary>
[TestFixture]
public sealed class MigrationTests
{
    [Test]
    public void Sqlite_migrations_match_the_design_time_model()
    {
        using var db = new DesignTimeFactories.Sqlite().CreateDbContext([]);

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for SqliteAdminDbContext");
    }

    [Test]
    public void PostgreSql_migrations_match_the_design_time_model()
    {
        using var db = new DesignTimeFactories.PostgreSql().CreateDbContext([]);

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for PostgresAdminDbContext");
    }

    [TestCase("Sqlite", typeof(SqliteAdminDbContext))]
    [TestCase("PostgreSQL", typeof(PostgresAdminDbContext))]
    public async Task Migrations_match_the_model_the_running_site_builds(string provider, Type contextType)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"never-opened-{Guid.NewGuid():N}.db"),
            ["ConnectionStrings:PostgreSQL"] = "Host=127.0.0.1;Database=never_opened",
        });
        builder.AddAdminSite();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();

        db.GetType().Should().Be(contextType);
        db.Database.HasPendingModelChanges().Should().BeFalse($"the {provider} migrations must match the runtime model");
    }

    [Test]
    public void Each_provider_has_its_own_migrations()
    {
        using var sqlite = new DesignTimeFactories.Sqlite().CreateDbContext([]);
        using var postgres = new DesignTimeFactories.PostgreSql().CreateDbContext([]);

        var sqliteIds = sqlite.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace);
        var postgresIds = postgres.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace);

        sqliteIds.Should().OnlyContain(ns => ns!.EndsWith(".Sqlite", StringComparison.Ordinal));
        postgresIds.Should().OnlyContain(ns => ns!.EndsWith(".PostgreSQL", StringComparison.Ordinal));
    }
}
