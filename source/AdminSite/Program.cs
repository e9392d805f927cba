using AdminSite.Commands;
using AdminSite.Hosting;

// `healthcheck` runs before any host is built: the Kubernetes test pod must not need the database.
if (HealthCheckCommand.Matches(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(AdminCommands.HostArguments(args));
builder.AddAdminSite();

var app = builder.Build();

if (AdminCommands.IsCommand(args))
{
    return await app.RunCommandAsync(args);
}

if (!await app.InitializeDatabaseAsync())
{
    return AdminCommands.Failure;
}

app.UseAdminSite();
app.MapAdminSite();

await app.RunAsync();
return 0;

public partial class Program;
