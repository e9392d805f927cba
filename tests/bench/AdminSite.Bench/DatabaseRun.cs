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

        // A run narrowed to some views (--views) measures only those: the pages and the metrics pairs take 15 minutes.
        return await MeasureAsync(work, options, database, seeding, pages: options.Views is null);
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
    /// Pairs of fresh sites, one with metrics and one without, up at once and each warmed up first; then each page is
    /// loaded on one and the other in turn, in short slices (<see cref="SliceOrder"/>), and what each served in the
    /// same time is compared. Comparing sites one after the other measured the machine instead: its speed moved by a
    /// third within minutes (one build served 9,500 req/s, then 6,000), and medians of three sites each way gave
    /// -6.4% to -11.8% on the login page. Within a pair that drift falls on both sites alike; the pairs differ still
    /// (each JIT compiles for what it saw first), so the median pair is reported and every pair is shown.
    /// </summary>
    private static async Task<IReadOnlyList<MetricsCost>> MetricsCostAsync(WorkFolder work, BenchOptions options, BenchDatabase database)
    {
        var slice = options with { Seconds = SliceSeconds };
        var pairs = new List<MetricsCost>();
        for (var pair = 1; pair <= CostPairs; pair++)
        {
            // Which site starts and warms up first alternates, so that whatever favours one of them falls on both ways.
            var metricsFirst = pair % 2 == 1;
            await using var first = await Site.StartAsync(work, database, metrics: metricsFirst);
            await using var second = await Site.StartAsync(work, database, metrics: !metricsFirst);
            var (on, off) = metricsFirst ? (first, second) : (second, first);
            var pagesOn = PagesUnderLoad(await on.LogInAsync(Site.AdminUserName, Site.AdminPassword));
            var pagesOff = PagesUnderLoad(await off.LogInAsync(Site.AdminUserName, Site.AdminPassword));
            // Every page warms up before any is measured: the JIT goes on compiling for speed for half a minute of
            // load, and a page measured sooner measured the JIT (one gave -29% with metrics, at 5,228 req/s).
            Console.WriteLine($"wrk: pair {pair} of {CostPairs}, a fresh site with metrics and one without, the one {(metricsFirst ? "with" : "without")} started first: " +
                $"each page {options.Seconds} s on each to warm up, then {SliceOrder.Length / 2} slices of {SliceSeconds} s on each in turn ...");
            await WarmUpAsync(first, metricsFirst ? pagesOn : pagesOff, options);
            await WarmUpAsync(second, metricsFirst ? pagesOff : pagesOn, options);

            for (var page = 0; page < pagesOn.Length; page++)
            {
                var served = new Dictionary<bool, (long Requests, TimeSpan Cpu)> { [true] = default, [false] = default };
                foreach (var metrics in SliceOrder)
                {
                    var (site, (name, path, header)) = metrics ? (on, pagesOn[page]) : (off, pagesOff[page]);
                    var cpuBefore = site.CpuTime();
                    var result = await Wrk.RunAsync(name, new Uri(site.BaseAddress, path), slice, header);
                    var (requests, cpu) = served[metrics];
                    served[metrics] = (requests + result.Requests, cpu + site.CpuTime() - cpuBefore);
                }

                PageCost Cost(bool metrics) => new(
                    served[metrics].Requests / (SliceSeconds * SliceOrder.Length / 2.0), served[metrics].Cpu.TotalMicroseconds / served[metrics].Requests);
                var cost = new MetricsCost(pagesOn[page].Name, Cost(true), Cost(false));
                Console.WriteLine(FormattableString.Invariant(
                    $"  {cost.Page}: {cost.On.RequestsPerSecond:F1} req/s with, {cost.Off.RequestsPerSecond:F1} without ({cost.RequestsPercent:+0.0;-0.0}%); site CPU {cost.On.CpuMicroseconds:F0} and {cost.Off.CpuMicroseconds:F0} µs per request"));
                pairs.Add(cost);
            }
        }

        return pairs.GroupBy(p => p.Page)
            .Select(page => page.OrderBy(p => p.RequestsPercent).ElementAt(page.Count() / 2) with { Pairs = page.Select(p => p.RequestsPercent).ToList() })
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

    /// <summary>Pairs of sites compared; the median one is reported.</summary>
    internal const int CostPairs = 5;

    /// <summary>Each page's slices within a pair, with metrics (true) and without, neither way always first.</summary>
    internal static readonly bool[] SliceOrder = [true, false, false, true, true, false, false, true];

    private const int SliceSeconds = 5;

    private static (string Name, string Path, string? Header)[] PagesUnderLoad(string cookie) =>
    [
        ("login page (anonymous)", "/Identity/Account/Login", null),
        ("users changelist (signed in)", ChangeListViews.ChangeList, $"Cookie: {cookie}"),
    ];
}

/// <summary>A page with metrics on and off, from one pair of sites (<see cref="DatabaseRun"/>'s MetricsCostAsync).</summary>
internal sealed record MetricsCost(string Page, PageCost On, PageCost Off)
{
    /// <summary>Every pair's <see cref="RequestsPercent"/>, on the median pair that is reported.</summary>
    public IReadOnlyList<double> Pairs { get; init; } = [];

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
