using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminSite.Commands;

/// <summary>
/// Django's manage.py on the same binary: the first argument names a command; none runs the web server.
/// Exit codes: 0 done, 1 failed, 2 usage error.
/// </summary>
public static class AdminCommands
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static readonly IReadOnlyList<string> Names = ["migrate", "createsuperuser", "changepassword", "healthcheck"];

    /// <summary>Arguments starting with a dash (<c>--urls</c>, <c>--Key=value</c>) are server configuration, not commands.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>
    /// Configuration arguments for the host. The server passes its own on; a command's arguments are not
    /// configuration, and a command talks to a person, so framework logs (EF's SQL, its expected failure
    /// probing a fresh database) are kept out of its output unless they are warnings of the site itself.
    /// </summary>
    public static string[] HostArguments(string[] args) => IsCommand(args)
        ? ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None", "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error"]
        : args;

    public static void AddAdminCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ICommandConsole, SystemCommandConsole>();
        builder.Services.AddTransient<MigrateCommand>();
        builder.Services.AddTransient<CreateSuperuserCommand>();
        builder.Services.AddTransient<ChangePasswordCommand>();
    }

    public static async Task<int> RunCommandAsync(this IHost app, string[] args, CancellationToken cancellationToken = default)
    {
        var console = app.Services.GetRequiredService<ICommandConsole>();
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "migrate" => await app.Services.GetRequiredService<MigrateCommand>().RunAsync(rest, cancellationToken),
                "createsuperuser" => await app.Services.GetRequiredService<CreateSuperuserCommand>().RunAsync(rest, cancellationToken),
                "changepassword" => await app.Services.GetRequiredService<ChangePasswordCommand>().RunAsync(rest, cancellationToken),
                "healthcheck" => await HealthCheckCommand.RunAsync(args, console),
                _ => Unknown(args[0], console),
            };
        }
        catch (CommandException e)
        {
            console.WriteError($"Error: {e.Message}");
            return e.ExitCode;
        }
    }

    private static int Unknown(string name, ICommandConsole console)
    {
        console.WriteError($"Unknown command '{name}'. Available commands: {string.Join(", ", Names)}.");
        console.WriteError("Run without a command to start the web server.");
        return UsageError;
    }
}

/// <summary>A failure to report as one line on stderr, with the exit code to return.</summary>
public sealed class CommandException(string message, int exitCode = AdminCommands.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
