using AdminSite.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Commands;

/// <summary><c>migrate</c>: apply pending migrations and exit.</summary>
public sealed class MigrateCommand(IServiceProvider services, ICommandConsole console)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length > 0)
        {
            throw new CommandException($"migrate takes no arguments (got '{string.Join(' ', args)}').", AdminCommands.UsageError);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
            var schema = await SchemaVersion.ReadAsync(db.Database, cancellationToken);
            if (schema.IsNewerThanBuild)
            {
                throw new CommandException(schema.NewerThanBuildMessage);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            console.WriteLine($"Database: {db.Database.ProviderName}");
            if (pending.Count == 0)
            {
                console.WriteLine("No migrations to apply.");
                return AdminCommands.Success;
            }

            foreach (var migration in pending)
            {
                console.WriteLine($"  Applying {migration}");
            }
        }

        try
        {
            await services.MigrateDatabaseAsync(cancellationToken);
        }
        catch (SchemaTooNewException e)
        {
            // A newer build migrated in between.
            throw new CommandException(e.Message);
        }

        console.WriteLine("Migrations applied.");
        return AdminCommands.Success;
    }
}
