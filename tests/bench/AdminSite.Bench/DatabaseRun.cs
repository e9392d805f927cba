using AdminSite.Testing;

namespace AdminSite.Bench;

/// <summary>The site on one database, seeded, then measured: the login page and changelist under wrk, then every view.</summary>
internal sealed record DatabaseRun(string Database, TimeSpan? Seeding, IReadOnlyList<WrkResult> Pages, IReadOnlyList<ViewResult> Views, Memory Memory)
{
    /// <summary>Each page's requests/s with metrics on and off (<see cref="MetricsCost"/>); measured on SQLite only.</summary>
    public IReadOnlyList<MetricsCost> MetricsCosts { get; init; } = [];

    public static async Task<DatabaseRun> OnSqliteAsync(WorkFolder work, BenchOptions options)
    {
        var path = options.SqliteDatabase is { } kept ? Path.GetFullPath(kept) : work.DatabasePath;
        var database = BenchDatabase.Sqlite(path);
        TimeSpan? seeding = null;
        if (!File.Exists(path))
        {
            await Site.RunCommandAsync(work, database, "migrate");
            await Site.RunCommandAsync(work, database, "createsuperuser", "--no-input");
            Console.WriteLine($"Seeding {options.Users:N0} users into {path} ...");
            seeding = await Seeder.SeedUsersAsync(path, options.Users);
        }
        else
        {
            Console.WriteLine($"Measuring {path} as it is (seeded by an earlier run; delete it to seed again) ...");
            await Site.RunCommandAsync(work, database, "migrate");
        }

        return await MeasureAsync(work, options, database, seeding, pages: true);
    }

    public static async Task<DatabaseRun> OnPostgreSqlAsync(WorkFolder work, BenchOptions options, string server)
    {
        await using var created = await PostgresBenchDatabase.CreateAsync(server);
        var database = BenchDatabase.PostgreSql(created.ConnectionString);
        await Site.RunCommandAsync(work, database, "migrate");
        await Site.RunCommandAsync(work, database, "createsuperuser", "--no-input");
        Console.WriteLine($"Seeding {options.Users:N0} users into PostgreSQL ...");
        var seeding = await PostgresSeeder.SeedUsersAsync(created.ConnectionString, options.Users);
        return await MeasureAsync(work, options, database, seeding, pages: false);
    }

    private static async Task<DatabaseRun> MeasureAsync(WorkFolder work, BenchOptions options, BenchDatabase database, TimeSpan? seeding, bool pages)
    {
        await using var site = await Site.StartAsync(work, database);
        Console.WriteLine($"Site on {database.Provider} running as pid {site.ProcessId} on {site.BaseAddress}");
        var cookie = await site.LogInAsync(Site.AdminUserName, Site.AdminPassword);
        await site.EnsureAuthenticatedAsync(cookie, ChangeListViews.ChangeList);

        var results = new List<WrkResult>();
        foreach (var (name, path, header) in pages ? PagesUnderLoad(cookie) : [])
        {
            Console.WriteLine($"wrk: {name}, {options.Connections} connections, {options.Seconds} s ...");
            var result = await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
            results.Add(result with { Memory = site.ReadMemory() });
        }

        var costs = pages ? await MetricsCostAsync(work, options, database, site, cookie) : [];
        var views = await ViewBench.RunAsync(site, cookie, options, database.Provider);
        return new DatabaseRun(database.Provider, seeding, results, views, site.ReadMemory()) { MetricsCosts = costs };
    }

    /// <summary>
    /// The pages again on a second site with Metrics__Enabled=false, warmed up, then in the order on, off, off, on:
    /// whichever runs first runs on a colder machine, and one order alone showed the metrics twice as costly as the other.
    /// </summary>
    private static async Task<IReadOnlyList<MetricsCost>> MetricsCostAsync(WorkFolder work, BenchOptions options, BenchDatabase database, Site on, string onCookie)
    {
        await using var off = await Site.StartAsync(work, database, metrics: false);
        var offCookie = await off.LogInAsync(Site.AdminUserName, Site.AdminPassword);
        var costs = new List<MetricsCost>();
        foreach (var (page, offPage) in PagesUnderLoad(onCookie).Zip(PagesUnderLoad(offCookie)))
        {
            // The site without metrics is fresh: warmed up first as the other was by the runs above, or JIT
            // compilation, not metrics, makes the difference.
            Console.WriteLine($"wrk: {page.Name}, warming up the site without metrics, then metrics on, off, off, on ({options.Seconds} s each) ...");
            await Wrk.RunAsync(page.Name, new Uri(off.BaseAddress, page.Path), options, offPage.Header);
            var runs = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
            foreach (var metrics in new[] { true, false, false, true })
            {
                var (site, header) = metrics ? (on, page.Header) : (off, offPage.Header);
                runs[metrics].Add((await Wrk.RunAsync(page.Name, new Uri(site.BaseAddress, page.Path), options, header)).RequestsPerSecond);
            }
            costs.Add(new MetricsCost(page.Name, runs[true].Average(), runs[false].Average()));
        }
        return costs;
    }

    private static (string Name, string Path, string? Header)[] PagesUnderLoad(string cookie) =>
    [
        ("login page (anonymous)", "/Identity/Account/Login", null),
        ("users changelist (signed in)", ChangeListViews.ChangeList, $"Cookie: {cookie}"),
    ];
}

/// <summary>A page's requests/s with metrics on and off, each the mean of two runs.</summary>
internal sealed record MetricsCost(string Page, double OnRequestsPerSecond, double OffRequestsPerSecond)
{
    public double Percent => (OnRequestsPerSecond / OffRequestsPerSecond - 1) * 100;
}
