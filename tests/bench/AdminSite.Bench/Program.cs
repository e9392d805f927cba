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

await using var work = new WorkFolder();

Console.WriteLine($"Publishing the site (Release) to {work.SiteFolder} ...");
await Site.PublishAsync(RepositoryRoot.Path, work.SiteFolder);

Console.WriteLine($"Seeding {options.Users} users into {work.DatabasePath} ...");
await Site.RunCommandAsync(work, "migrate");
await Site.RunCommandAsync(work, "createsuperuser", "--no-input");
await Seeder.SeedUsersAsync(work.DatabasePath, options.Users);

var results = new List<WrkResult>();
Memory final = null!;
// The same pages again in a site with metrics off: the difference is what the metrics cost.
foreach (var metrics in new[] { true, false })
{
    await using var site = await Site.StartAsync(work, metrics: metrics);
    Console.WriteLine($"Site running as pid {site.ProcessId} on {site.BaseAddress}, metrics {(metrics ? "on" : "off")}");
    var cookie = await site.LogInAsync(Site.AdminUserName, Site.AdminPassword);
    await site.EnsureAuthenticatedAsync(cookie, "/admin/auth/user");

    foreach (var (page, path, header) in new[]
    {
        ("login page (anonymous)", "/Identity/Account/Login", (string?)null),
        ("users changelist (signed in)", "/admin/auth/user", $"Cookie: {cookie}"),
    })
    {
        var name = metrics ? page : $"{page}, metrics off";
        Console.WriteLine($"wrk: {name}, {options.Connections} connections, {options.Seconds} s ...");
        var result = await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
        results.Add(result with { Memory = site.ReadMemory() });
    }

    if (metrics)
    {
        final = site.ReadMemory();
    }
}

// The export's memory bound, on its own databases (1,000 then 100,000 users), in fresh site processes.
var exports = await ExportBench.RunAsync(work);

Report.Print(options, results, final);
Report.PrintMetricsCost(results);
Report.PrintExport(exports);
return results.All(r => r.Errors == 0) && exports.All(e => e.Rows == e.Users + 1) ? 0 : 1;
