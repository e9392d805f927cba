using System.Globalization;
using BuildEngine;
using Tools;

partial class Build
{
    [Parameter("Bench: seconds of load per page")]
    readonly int BenchSeconds = 15;

    [Parameter("Bench: concurrent connections")]
    readonly int BenchConnections = 32;

    [Parameter("Bench: users seeded before the load")]
    readonly int BenchUsers = 1000;

    AbsolutePath BenchProject => TestsDirectory / "bench" / "AdminSite.Bench" / "AdminSite.Bench.csproj";

    Target Bench => _ => _
        .Description("Benchmarks the site (Release): seeded users, wrk on the login page and the users changelist; prints req/s, p50, p99, RSS")
        .Executes(async () =>
        {
            string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
            await new Apt(Runner).EnsureInstalled(["wrk"], isRoot: UnixUser.IsRoot);
            await DotNet.Run(["run", "--configuration", "Release", "--project", BenchProject, "--",
                "--seconds", Text(BenchSeconds), "--connections", Text(BenchConnections), "--users", Text(BenchUsers)]);
        });
}
