using AdminSite.Data;
using AdminSite.Data.Locking;

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
            console.WriteLine($"Database: {scope.ServiceProvider.GetRequiredService<AdminDbContext>().Database.ProviderName}");
        }

        SchemaVersion schema;
        try
        {
            // The plan is read under the lock: what another migrator applied meanwhile is not listed again.
            schema = await services.MigrateDatabaseAsync(found =>
            {
                foreach (var migration in found.Pending)
                {
                    console.WriteLine($"  Applying {migration}");
                }
            }, cancellationToken);
        }
        catch (Exception e) when (e is SchemaTooNewException or MigrationInterruptedException or MigrationLockTimeoutException or MigrationLockLostException)
        {
            throw new CommandException(e.Message);
        }

        if (schema.IsCompatiblyNewer)
        {
            console.WriteLine(schema.CompatiblyNewerMessage);
        }

        console.WriteLine(schema.Pending.Count == 0 ? "No migrations to apply." : "Migrations applied.");
        return AdminCommands.Success;
    }
}
