using AdminSite.Testing;

namespace AdminSite.Bench;

/// <summary>The site on one database, seeded, then measured: the login page and changelist under wrk, then every view.</summary>
internal sealed record DatabaseRun(string Database, TimeSpan? Seeding, IReadOnlyList<WrkResult> Pages, IReadOnlyList<ViewResult> Views, Memory Memory)
{
    /// <summary>Each page's requests/s with metrics on and off (<see cref="MetricsCost"/>); measured on SQLite only.</summary>
    public IReadOnlyList<MetricsCost> MetricsCosts { get; init; } = [];

    /// <summary>Each page's share of CPU samples in metrics code (<see cref="MetricsProfile"/>); on SQLite only.</summary>
    public IReadOnlyList<ProfileResult> MetricsProfiles { get; init; } = [];

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
            // A fresh site runs its first seconds of load at a third of its pace, until the JIT has compiled the
            // page's code for speed: the first page measured cold once read 2,732 req/s, and 8,721 warm.
            Console.WriteLine($"wrk: {name}, {options.Connections} connections, {options.Seconds} s to warm up, then {options.Seconds} s measured ...");
            await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
            var result = await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
            results.Add(result with { Memory = site.ReadMemory() });
        }

        var costs = pages ? await MetricsCostAsync(work, options, database) : [];
        var profiles = pages ? await MetricsProfileAsync(work, options, database) : [];
        var views = await ViewBench.RunAsync(site, cookie, options, database.Provider);
        return new DatabaseRun(database.Provider, seeding, results, views, site.ReadMemory()) { MetricsCosts = costs, MetricsProfiles = profiles };
    }

    /// <summary>
    /// The pages on fresh sites with metrics on and off in turn (<see cref="CostOrder"/>), each warmed up first, and
    /// the median of each way compared. Two processes of one build differ by as much as metrics could cost (each JIT
    /// compiles for what it saw first): with one process each way, two runs of the bench gave -2.5% and -7.1%, and
    /// even these medians of three moved from -6.4% to -11.8% on the login page. <see cref="MetricsProfile"/>
    /// measures inside one process.
    /// </summary>
    private static async Task<IReadOnlyList<MetricsCost>> MetricsCostAsync(WorkFolder work, BenchOptions options, BenchDatabase database)
    {
        var runs = new List<(string Page, bool Metrics, PageCost Cost)>();
        foreach (var metrics in CostOrder)
        {
            await using var site = await Site.StartAsync(work, database, metrics);
            var pages = PagesUnderLoad(await site.LogInAsync(Site.AdminUserName, Site.AdminPassword));
            // Every page warms up before any is measured: the JIT goes on compiling for speed for half a minute of
            // load, and a page measured sooner measured the JIT (one gave -29% with metrics, at 5,228 req/s).
            Console.WriteLine($"wrk: a fresh site with metrics {(metrics ? "on" : "off")}: each page {options.Seconds} s to warm up, then {options.Seconds} s measured ...");
            await WarmUpAsync(site, pages, options);

            foreach (var (name, path, header) in pages)
            {
                var cpuBefore = site.CpuTime();
                var result = await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
                var cost = new PageCost(result.RequestsPerSecond, (site.CpuTime() - cpuBefore).TotalMicroseconds / result.Requests);
                Console.WriteLine(FormattableString.Invariant($"  {name}: {cost.RequestsPerSecond:F1} req/s, site CPU {cost.CpuMicroseconds:F0} µs per request"));
                runs.Add((name, metrics, cost));
            }
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        PageCost MedianOf(IEnumerable<PageCost> costs) => new(Median(costs.Select(c => c.RequestsPerSecond)), Median(costs.Select(c => c.CpuMicroseconds)));
        return runs.GroupBy(r => r.Page)
            .Select(page => new MetricsCost(page.Key,
                MedianOf(page.Where(r => r.Metrics).Select(r => r.Cost)),
                MedianOf(page.Where(r => !r.Metrics).Select(r => r.Cost))))
            .ToList();
    }

    /// <summary>The pages on a fresh site with metrics, warmed up, each under perf while wrk loads it.</summary>
    private static async Task<IReadOnlyList<ProfileResult>> MetricsProfileAsync(WorkFolder work, BenchOptions options, BenchDatabase database)
    {
        await using var site = await Site.StartAsync(work, database, metrics: true, profiled: true);
        var pages = PagesUnderLoad(await site.LogInAsync(Site.AdminUserName, Site.AdminPassword));
        Console.WriteLine($"wrk and perf: a fresh site with metrics on: each page {options.Seconds} s to warm up, then {options.Seconds} s under perf ...");
        await WarmUpAsync(site, pages, options);

        var results = new List<ProfileResult>();
        foreach (var (name, path, header) in pages)
        {
            results.Add(await MetricsProfile.RunAsync(site, name, new Uri(site.BaseAddress, path), header, options, work.Root));
        }

        site.DeletePerfMap();
        return results;
    }

    private static async Task WarmUpAsync(Site site, (string Name, string Path, string? Header)[] pages, BenchOptions options)
    {
        foreach (var (name, path, header) in pages)
        {
            await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), options, header);
        }
    }

    /// <summary>Three sites each way, neither way always first.</summary>
    internal static readonly bool[] CostOrder = [true, false, false, true, true, false];

    private static (string Name, string Path, string? Header)[] PagesUnderLoad(string cookie) =>
    [
        ("login page (anonymous)", "/Identity/Account/Login", null),
        ("users changelist (signed in)", ChangeListViews.ChangeList, $"Cookie: {cookie}"),
    ];
}

/// <summary>A page with metrics on and off, each the median of its sites.</summary>
internal sealed record MetricsCost(string Page, PageCost On, PageCost Off)
{
    /// <summary>Requests/s with metrics against without: negative when metrics slow the page down.</summary>
    public double RequestsPercent => (On.RequestsPerSecond / Off.RequestsPerSecond - 1) * 100;

    /// <summary>The site's CPU time per request with against without: positive when metrics cost CPU.</summary>
    public double CpuPercent => (On.CpuMicroseconds / Off.CpuMicroseconds - 1) * 100;
}

/// <summary>
/// Requests/s under wrk, and the site's CPU time (user + system) per request: wrk shares the machine's cores with the
/// site and anything else running moves req/s, while the CPU a request takes moves far less.
/// </summary>
internal sealed record PageCost(double RequestsPerSecond, double CpuMicroseconds);
