using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// A private PostgreSQL instance (Debian's server binaries, a fresh cluster in a temp folder, its own loopback
/// port) that is gone when disposed: no system service is started or changed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly BackgroundProcess _process;
    private readonly string _directory;

    private PostgresServer(BackgroundProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }
    public const string Password = "e2e-postgres-password";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password={Password}";

    public static async Task<PostgresServer> Start(IProcessRunner runner, AbsolutePath logDirectory, CancellationToken cancellation = default)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(path => path, StringComparer.Ordinal).LastOrDefault() is { } version
            ? Path.Combine(version, "bin")
            : throw new BuildFailedException("PostgreSQL server binaries not found in /usr/lib/postgresql: apt-get install postgresql");
        var directory = Directory.CreateTempSubdirectory("e2e-postgres-").FullName;
        var data = Path.Combine(directory, "data");
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password, cancellation);

        // PostgreSQL refuses to run as root: the cluster belongs to the postgres user Debian's package creates.
        await runner.RunAsync(new ToolCommand("chown", ["-R", "postgres:postgres", directory]) { Quiet = true }, cancellation);
        await runner.RunAsync(new ToolCommand("runuser", ["-u", "postgres", "--", Path.Combine(bin, "initdb"),
            "--pgdata", data, "--username", "postgres", "--pwfile", passwordFile, "--auth", "scram-sha-256", "--encoding", "UTF8", "--no-instructions"])
        { Quiet = true }, cancellation);

        var port = FreePort.Next();
        var process = BackgroundProcess.Start("postgres", new ToolCommand("runuser", ["-u", "postgres", "--", Path.Combine(bin, "postgres"),
            "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"]),
            logDirectory / "postgres.log");
        var ready = new ToolCommand(Path.Combine(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            Quiet = true,
            AllowFailure = true,
        };
        return await Startup.ReadyOrDisposed(new PostgresServer(process, directory, port),
            () => process.WaitUntil(async () => (await runner.RunAsync(ready, cancellation)).Succeeded, TimeSpan.FromSeconds(60), cancellation));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
