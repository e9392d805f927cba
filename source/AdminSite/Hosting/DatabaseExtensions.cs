using AdminSite.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminSite.Hosting;

internal static class DatabaseExtensions
{
    public static void AddAdminDatabase(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddSingleton<DatabaseConnection>();

        // Both flavours are registered and the provider is picked per resolution, not here: test hosts
        // and commands add their configuration after Program has called AddAdminSite.
        services.AddDbContext<SqliteAdminDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .AddInterceptors(SqliteUnicodeFunctions.Instance));
        services.AddDbContext<PostgresAdminDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<DatabaseConnection>().ConnectionString));
        services.AddScoped<AdminDbContext>(sp => sp.GetRequiredService<DatabaseConnection>().Provider switch
        {
            DatabaseProvider.PostgreSQL => sp.GetRequiredService<PostgresAdminDbContext>(),
            _ => sp.GetRequiredService<SqliteAdminDbContext>(),
        });

        // Keys in the database: every replica decrypts every other replica's cookies, and nothing is
        // written to the (read-only) container filesystem.
        services.AddDataProtection()
            .SetApplicationName("admin-site")
            .PersistKeysToDbContext<AdminDbContext>();
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers carry on while SQLite's single writer works.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Migrates (unless turned off) and creates the bootstrap superuser when there are no users.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Bootstrap.BootstrapAdmin>().EnsureAsync(app.Lifetime.ApplicationStopping);
    }
}
