using AdminSite.Bench;
using AdminSite.Testing;

// Load test of the admin site (not a test: it measures, it does not judge). See BenchOptions for the knobs.
var options = BenchOptions.Parse(args);
if (options is null)
{
    return 2;
}

if (!Wrk.IsInstalled())
{
    Console.Error.WriteLine("wrk was not found on PATH. Install it with: apt-get install wrk");
    return 1;
}

if (!MetricsProfile.IsInstalled())
{
    Console.Error.WriteLine("perf was not found on PATH (it measures what the metrics cost). Install it with: apt-get install linux-perf");
    return 1;
}

await using var work = new WorkFolder();

Console.WriteLine($"Publishing the site (Release) to {work.SiteFolder} ...");
await Site.PublishAsync(RepositoryRoot.Path, work.SiteFolder);

var runs = new List<DatabaseRun> { await DatabaseRun.OnSqliteAsync(work, options) };
if (options.Postgres is { } server)
{
    runs.Add(await DatabaseRun.OnPostgreSqlAsync(work, options, server));
}

// The export's memory bound, on its own databases (1,000 then 100,000 users), in fresh site processes.
var exports = options.SkipExport ? [] : await ExportBench.RunAsync(work);

if (runs[0].Pages.Count > 0)
{
    Report.Print(options, runs[0].Pages, runs[0].Memory);
}

foreach (var run in runs)
{
    Report.PrintViews(options, run);
}

Report.PrintMetricsCost(runs[0].MetricsCosts, runs[0].MetricsProfiles);
if (exports.Count > 0)
{
    Report.PrintExport(exports);
}

var failed = runs.Any(r => r.Pages.Any(p => p.Errors > 0) || r.Views.Any(v => v.Failures > 0 || v.Load.Errors > 0));
return !failed && exports.All(e => e.Rows == e.Users + 1) ? 0 : 1;
