using System.Globalization;
using System.Net;
using System.Text.Json;
using BuildEngine;
using Spectre.Console;
using Tools;

namespace E2E;

/// <summary>
/// Several replicas on PostgreSQL behind a round-robin balancer, as the chart runs them with
/// <c>database.provider=postgresql</c>: migrations from three "init containers" at once, a login on one replica
/// used on the others, and one replica replaced by a new build under load, with no failed request, no lost
/// session, a form opened before the restart still submittable, and every migration applied once.
/// </summary>
public sealed class ScaleOutRehearsal(IProcessRunner runner, AbsolutePath siteProject, AbsolutePath work, AbsolutePath artifacts)
{
    private const int Replicas = 3;
    private const int Workers = 8;
    private const string AdminPassword = "Scale-out-e2e-Passw0rd";

    public sealed record Report(int Requests, int Failures, double P50, double P99, double P99DuringRestart, double RestartSeconds, IReadOnlyList<string> FirstFailures);

    public async Task<Report> Run(PostgresServer postgres, CancellationToken cancellation = default)
    {
        var current = await Publish("v1", cancellation);
        var next = await Publish("v2", cancellation);

        const string database = "admin_site_scaleout";
        await Sql(postgres, "postgres", $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", cancellation);
        await Sql(postgres, "postgres", $"CREATE DATABASE {database}", cancellation);
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__PostgreSQL"] = postgres.ConnectionString(database),
            ["Database__MigrateOnStartup"] = "false",
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "20",
        };

        // Three pods starting together each run the chart's init container: migrate.
        await Task.WhenAll(Enumerable.Range(1, Replicas).Select(_ => runner.RunAsync(
            new ToolCommand("dotnet", [current / "AdminSite.dll", "migrate"]) { WorkingDirectory = current, Environment = environment, Quiet = true }, cancellation)));
        var history = (await Sql(postgres, database, "SELECT count(*) || ' ' || count(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\"", cancellation)).Split(' ');
        if (history[0] != history[1] || history[0] == "0")
            throw new BuildFailedException($"Concurrent migrations left {history[0]} history rows for {history[1]} migrations.");
        Log.Information($"{Replicas} concurrent migrate runs applied {history[1]} migrations once each.");

        var replicas = Enumerable.Range(1, Replicas)
            .Select(i => new SiteProcess($"replica-{i}", current, FreePort.Next(), environment, artifacts / "scale-out"))
            .ToList();
        try
        {
            // The first replica creates the bootstrap admin; the others find it there.
            await replicas[0].Start(cancellation);
            await Task.WhenAll(replicas.Skip(1).Select(replica => replica.Start(cancellation)));
            await using var balancer = await NginxBalancer.Start(replicas.Select(replica => replica.Port), work / "nginx", cancellation);

            var cookies = await SignedInOnOneUsedOnAll(replicas);
            using var site = new SiteProbe(balancer.Url);
            var form = await site.OpenForm("/admin/auth/user/add", cookies);

            var load = new LoadLoop(balancer.Url, cookies, Workers);
            using var stop = new CancellationTokenSource();
            var traffic = load.Run(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellation);
            var restartFrom = load.Now;
            await replicas[1].Replace(next, cancellation);
            var restartTo = load.Now;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellation);
            await stop.CancelAsync();
            await traffic;

            // The form was rendered before the restart, maybe by the replica that is gone: its token must still be good.
            var submitted = await site.Submit("/admin/auth/user/add", form, new Dictionary<string, string>
            {
                ["Input.UserName"] = "scale.out",
                ["Input.Password1"] = "Rolling-Restart-42",
                ["Input.Password2"] = "Rolling-Restart-42",
                ["_save"] = "Save",
            });
            if (submitted != HttpStatusCode.Redirect)
                throw new BuildFailedException($"A form opened before the rolling restart could not be submitted after it ({(int)submitted}).");

            var samples = load.Samples;
            var failures = samples.Where(sample => sample.Failure is not null).ToList();
            var report = new Report(
                samples.Count,
                failures.Count,
                load.Percentile(50, TimeSpan.Zero, TimeSpan.MaxValue),
                load.Percentile(99, TimeSpan.Zero, TimeSpan.MaxValue),
                load.Percentile(99, restartFrom, restartTo),
                (restartTo - restartFrom).TotalSeconds,
                failures.Take(5).Select(failure => failure.Failure!).ToList());
            Write(report);
            if (report.Failures > 0)
                throw new BuildFailedException($"{report.Failures} of {report.Requests} requests failed during the rolling restart: {string.Join("; ", report.FirstFailures)}");
            return report;
        }
        finally
        {
            foreach (var replica in replicas)
                await replica.DisposeAsync();
        }
    }

    /// <summary>Every replica reads the Data Protection keys from the database, so one login works on all of them.</summary>
    private static async Task<string> SignedInOnOneUsedOnAll(IReadOnlyList<SiteProcess> replicas)
    {
        using var first = new SiteProbe(replicas[0].Url);
        var cookies = await first.LogIn("admin", AdminPassword)
            ?? throw new BuildFailedException($"The bootstrap admin cannot log in on {replicas[0].Name}.");
        foreach (var replica in replicas.Skip(1))
        {
            using var other = new SiteProbe(replica.Url);
            if (!await other.IsSignedIn(cookies))
                throw new BuildFailedException($"A login on {replicas[0].Name} is not accepted by {replica.Name}: the replicas do not share Data Protection keys.");
        }
        Log.Information($"A login on {replicas[0].Name} is accepted by all {replicas.Count} replicas.");
        return cookies;
    }

    private async Task<AbsolutePath> Publish(string version, CancellationToken cancellation)
    {
        var output = work / "site" / version;
        await runner.RunAsync(new ToolCommand("dotnet", ["publish", siteProject, "--configuration", "Release", "--output", output,
            "-p:UseAppHost=false", $"-p:InformationalVersion=e2e-{version}", "--nologo"]) { Quiet = true }, cancellation);
        return output;
    }

    private async Task<string> Sql(PostgresServer postgres, string database, string statement, CancellationToken cancellation) =>
        (await runner.RunAsync(new ToolCommand("psql", ["--host", "127.0.0.1", "--port", postgres.Port.ToString(CultureInfo.InvariantCulture),
            "--username", "postgres", "--dbname", database, "--tuples-only", "--no-align", "--command", statement])
        {
            Environment = new Dictionary<string, string?> { ["PGPASSWORD"] = PostgresServer.Password },
            Quiet = true,
            MissingHint = "apt-get install postgresql-client",
        }, cancellation)).StandardOutput.Trim();

    private void Write(Report report)
    {
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(artifacts / "scale-out.json", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        var table = new Table().Border(TableBorder.Simple).Title($"Scale-out: {Replicas} replicas, {Workers} signed-in workers, one replica replaced under load")
            .AddColumns("Requests", "Failed", "p50", "p99", "p99 during restart", "Restart took");
        table.AddRow(report.Requests.ToString(CultureInfo.InvariantCulture), report.Failures.ToString(CultureInfo.InvariantCulture),
            Ms(report.P50), Ms(report.P99), Ms(report.P99DuringRestart), report.RestartSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        Log.Console.Write(table);
    }
}
