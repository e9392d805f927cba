using System.Data.Common;
using AdminSite.Data;
using AdminSite.Data.Locking;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AdminSite.Hosting;

internal static partial class DatabaseExtensions
{
    public static void AddAdminDatabase(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .Validate(o => o.MigrationLockTimeoutSeconds > 0, "Database:MigrationLockTimeoutSeconds must be positive.");
        services.AddSingleton<DatabaseConnection>();

        // Both flavours are registered and the provider is picked per resolution, not here: test hosts
        // and commands add their configuration after Program has called AddAdminSite.
        services.AddDbContext<SqliteAdminDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .AddInterceptors(SqliteUnicodeFunctions.Instance)
                .ConfigureWarnings(BoundedCountsAreUnordered), ServiceLifetime.Scoped, AdminDbContextOptions.Lifetime);
        services.AddDbContext<PostgresAdminDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .ConfigureWarnings(BoundedCountsAreUnordered), ServiceLifetime.Scoped, AdminDbContextOptions.Lifetime);
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

    // The changelists count "up to 1,001 matches" (ResultCounts): a Take without an order, on purpose, since
    // ordering would make the database read every match first. Pages always have an order.
    private static void BoundedCountsAreUnordered(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning);

    /// <summary>
    /// Migrates (unless turned off) and creates the bootstrap superuser when there are no users. False, with the
    /// reason logged, when the site must not start: the schema has a migration this build cannot run on, the
    /// migration lock stayed with a live holder too long, or a signal stopped the migration.
    /// </summary>
    public static async Task<bool> InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            SchemaVersion schema;
            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
            {
                schema = await app.Services.MigrateDatabaseAsync(cancellationToken: app.Lifetime.ApplicationStopping);
            }
            else
            {
                await using var check = app.Services.CreateAsyncScope();
                schema = await check.ServiceProvider.GetRequiredService<AdminDbContext>().EnsureSchemaServableAsync(app.Lifetime.ApplicationStopping);
            }

            if (schema.IsCompatiblyNewer)
            {
                LogCompatiblyNewer(app.Logger, schema.CompatiblyNewerMessage);
            }
        }
        catch (MigrationInterruptedException e)
        {
            // A pod deleted while it starts: nothing is wrong.
            LogInterrupted(app.Logger, e.Message);
            return false;
        }
        catch (Exception e) when (e is SchemaTooNewException or MigrationLockTimeoutException or MigrationLockLostException)
        {
            LogCannotStart(app.Logger, e.Message);
            return false;
        }
        catch (DbException e)
        {
            LogUnusable(app.Logger, e.Message);
            return false;
        }

        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            // A database that only reads would start a site that signs nobody in: stop now, saying why.
            if (await WritableDatabaseCheck.RefusalAsync(scope.ServiceProvider.GetRequiredService<AdminDbContext>(), app.Lifetime.ApplicationStopping) is { } refusal)
            {
                LogUnusable(app.Logger, refusal);
                return false;
            }

            await scope.ServiceProvider.GetRequiredService<Bootstrap.BootstrapAdmin>().EnsureAsync(app.Lifetime.ApplicationStopping);
        }
        catch (DbException e)
        {
            LogUnusable(app.Logger, e.Message);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason}")]
    private static partial void LogCannotStart(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason}")]
    private static partial void LogInterrupted(ILogger logger, string reason);

    // A warning: right after a rollback this is expected, but it should not go on for weeks.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogCompatiblyNewer(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "The database cannot be written to ({Reason}). Check that it is reachable and writable (not a read-only or full " +
        "volume, not a PostgreSQL replica), then restart.")]
    private static partial void LogUnusable(ILogger logger, string reason);
}
