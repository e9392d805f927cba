using AdminSite.Commands;
using AdminSite.Hosting;
using AdminSite.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Infrastructure;

/// <summary>Runs a command exactly as Program does (same registrations), against a temporary SQLite file.</summary>
public sealed class CommandHost : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("admin-site-commands-");

    public string DatabasePath => Path.Combine(_folder.FullName, "data", "admin-site.db");

    public async Task<int> RunAsync(ScriptedConsole console, Dictionary<string, string?>? settings, params string[] args)
    {
        await using var app = Build(console, settings);
        return await app.RunCommandAsync(args);
    }

    public async Task<AdminUser?> FindUserAsync(string userName)
    {
        await using var app = Build(new ScriptedConsole(), null);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().FindByNameAsync(userName);
    }

    public async Task<bool> CheckPasswordAsync(string userName, string password)
    {
        await using var app = Build(new ScriptedConsole(), null);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    }

    private WebApplication Build(ScriptedConsole console, Dictionary<string, string?>? settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = _folder.FullName });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = DatabasePath,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<ICommandConsole>(console);
        builder.AddAdminSite();
        return builder.Build();
    }

    public async Task MigrateAsync() => (await RunAsync(new ScriptedConsole(), null, "migrate")).Should().Be(0);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
