using AdminSite.Data;
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
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddSingleton<DatabaseConnection>();

        // Both flavours are registered and the provider is picked per resolution, not here: test hosts
        // and commands add their configuration after Program has called AddAdminSite.
        services.AddDbContext<SqliteAdminDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .AddInterceptors(SqliteUnicodeFunctions.Instance)
                .ConfigureWarnings(BoundedCountsAreUnordered));
        services.AddDbContext<PostgresAdminDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .ConfigureWarnings(BoundedCountsAreUnordered));
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

    // The changelists count "up to 10,001 matches" (ResultCounts): a Take without an order, on purpose, since
    // ordering would make the database read every match first. Pages always have an order.
    private static void BoundedCountsAreUnordered(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning);

    /// <summary>
    /// Migrates (unless turned off) and creates the bootstrap superuser when there are no users. False, with the
    /// reason logged, when the schema is newer than this build: the site must not start on it.
    /// </summary>
    public static async Task<bool> InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
            {
                await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);
            }
            else
            {
                await using var check = app.Services.CreateAsyncScope();
                await check.ServiceProvider.GetRequiredService<AdminDbContext>().EnsureSchemaNotNewerAsync(app.Lifetime.ApplicationStopping);
            }
        }
        catch (SchemaTooNewException e)
        {
            LogSchemaTooNew(app.Logger, e.Message);
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Bootstrap.BootstrapAdmin>().EnsureAsync(app.Lifetime.ApplicationStopping);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Reason}")]
    private static partial void LogSchemaTooNew(ILogger logger, string reason);
}
