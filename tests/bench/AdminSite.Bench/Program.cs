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

var sqlite = BenchDatabase.Sqlite(work.DatabasePath);
await Site.RunCommandAsync(work, sqlite, "migrate");
await Site.RunCommandAsync(work, sqlite, "createsuperuser", "--no-input");
Console.WriteLine($"Seeding {options.Users:N0} users into {work.DatabasePath} ...");
var seeding = new List<(string Database, TimeSpan Duration)> { ("SQLite", await Seeder.SeedUsersAsync(work.DatabasePath, options.Users)) };

var results = new List<WrkResult>();
var views = new List<(string Database, IReadOnlyList<ViewResult> Results, Memory Memory)>();
Memory final;
await using (var site = await Site.StartAsync(work, sqlite))
{
    Console.WriteLine($"Site running as pid {site.ProcessId} on {site.BaseAddress}");
    var cookie = await site.LogInAsync(Site.AdminUserName, Site.AdminPassword);
    await site.EnsureAuthenticatedAsync(cookie, ChangeListViews.ChangeList);

    foreach (var (name, path, header) in new[]
    {
        ("login page (anonymous)", "/Identity/Account/Login", (string?)null),
        ("users changelist (signed in)", ChangeListViews.ChangeList, $"Cookie: {cookie}"),
    })
    {
        Console.WriteLine($"wrk: {name}, {options.Connections} connections, {options.Seconds} s ...");
        var result = await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
        results.Add(result with { Memory = site.ReadMemory() });
    }

    views.Add(("SQLite", await ViewBench.RunAsync(site, cookie, options, "SQLite"), site.ReadMemory()));
    final = site.ReadMemory();
}

if (options.Postgres is { } server)
{
    await using var database = await PostgresBenchDatabase.CreateAsync(server);
    var postgres = BenchDatabase.PostgreSql(database.ConnectionString);
    await Site.RunCommandAsync(work, postgres, "migrate");
    await Site.RunCommandAsync(work, postgres, "createsuperuser", "--no-input");
    Console.WriteLine($"Seeding {options.Users:N0} users into PostgreSQL ...");
    seeding.Add(("PostgreSQL", await PostgresSeeder.SeedUsersAsync(database.ConnectionString, options.Users)));
    await using var site = await Site.StartAsync(work, postgres);
    Console.WriteLine($"Site on PostgreSQL running as pid {site.ProcessId} on {site.BaseAddress}");
    var cookie = await site.LogInAsync(Site.AdminUserName, Site.AdminPassword);
    await site.EnsureAuthenticatedAsync(cookie, ChangeListViews.ChangeList);
    views.Add(("PostgreSQL", await ViewBench.RunAsync(site, cookie, options, "PostgreSQL"), site.ReadMemory()));
}

// The export's memory bound, on its own databases (1,000 then 100,000 users), in fresh site processes.
var exports = await ExportBench.RunAsync(work);

Report.Print(options, results, final);
foreach (var (database, duration) in seeding)
{
    Report.PrintViews(options, database, duration, views.Single(v => v.Database == database));
}

Report.PrintExport(exports);
var failed = results.Any(r => r.Errors > 0) || views.Any(v => v.Results.Any(r => r.Failures > 0 || r.Load.Errors > 0));
return !failed && exports.All(e => e.Rows == e.Users + 1) ? 0 : 1;
