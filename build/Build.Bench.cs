using System.Globalization;
using BuildEngine;
using E2E;
using Tools;

partial class Build
{
    [Parameter("Bench: seconds of load per page")]
    readonly int BenchSeconds = 15;

    [Parameter("Bench: concurrent connections")]
    readonly int BenchConnections = 32;

    [Parameter("Bench: users seeded before the load (1000000 for the scale run)")]
    readonly int BenchUsers = 1000;

    [Parameter("Bench: seconds of load on each changelist view (sort, filter, deep page, search)")]
    readonly int BenchViewSeconds = 3;

    [Parameter("Bench: seconds of load on each changelist view before any is measured, so that the site runs code compiled for speed")]
    readonly int BenchViewWarmSeconds = 2;

    [Parameter("Bench: requests one at a time on each changelist view, for its p50 and p99")]
    readonly int BenchViewRequests = 30;

    [Parameter("Bench: also measure the changelist views on a private PostgreSQL (root: it runs initdb as the postgres user)")]
    readonly bool BenchPostgres;

    [Parameter("Bench: only the changelist views whose name contains this text, e.g. search, or * for all of them (and not the login page, changelist or metrics pairs)")]
    readonly string? BenchViews;

    [Parameter("Bench: a SQLite file kept between runs: seeded when missing, measured as it is when present")]
    readonly string? BenchSqliteDatabase;

    [Parameter("Bench: leave out the CSV export's memory measurement")]
    readonly bool BenchSkipExport;

    AbsolutePath BenchProject => TestsDirectory / "bench" / "AdminSite.Bench" / "AdminSite.Bench.csproj";
    AbsolutePath BenchArtifacts => ArtifactsDirectory / "bench";

    Target Bench => _ => _
        .Description("Benchmarks the site (Release): seeded users, wrk on the login page and every changelist view; prints p50, p99, req/s, RSS")
        .Requires(() => !BenchPostgres || UnixUser.IsRoot, "root for --bench-postgres: the private PostgreSQL's cluster belongs to the postgres user")
        .Executes(async () =>
        {
            string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
            await new Apt(Runner).EnsureInstalled(BenchPostgres ? ["wrk", "linux-perf", "postgresql"] : ["wrk", "linux-perf"], isRoot: UnixUser.IsRoot);
            List<string> arguments = ["run", "--configuration", "Release", "--project", BenchProject, "--",
                "--seconds", Text(BenchSeconds), "--connections", Text(BenchConnections), "--users", Text(BenchUsers),
                "--view-seconds", Text(BenchViewSeconds), "--view-warm-seconds", Text(BenchViewWarmSeconds), "--view-requests", Text(BenchViewRequests)];
            if (BenchViews is { Length: > 0 } views)
                arguments.AddRange(["--views", views]);
            if (BenchSqliteDatabase is { Length: > 0 } database)
                arguments.AddRange(["--sqlite-database", Path.GetFullPath(database)]);
            if (BenchSkipExport)
                arguments.Add("--skip-export");
            if (!BenchPostgres)
            {
                await DotNet.Run([.. arguments]);
                return;
            }

            Log.Information("Starting a private PostgreSQL for the bench ...");
            await using var postgres = await PostgresServer.Start(Runner, BenchArtifacts);
            await DotNet.Run([.. arguments, "--postgres", postgres.ConnectionString("postgres")]);
        });
}
