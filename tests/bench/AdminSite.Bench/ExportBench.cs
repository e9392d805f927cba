using System.Diagnostics;
using System.Net;

namespace AdminSite.Bench;

internal sealed record ExportResult(int Users, long Bytes, long Rows, TimeSpan Duration, Memory Before, Memory After);

/// <summary>
/// The users CSV export's memory bound: the same site process shape (start, log in, open the list once, export
/// everything) with 1,000, 100,000 and 300,000 users, each in a fresh process so the peak (VmHWM) is this
/// run's. Streamed, the peak stops growing with the rows: what it gains over the first size is the server
/// garbage collector's allocation budget (garbage not yet collected), the same for 100,000 rows as for 300,000.
/// An export that collected the rows first would keep growing with them.
/// </summary>
internal static class ExportBench
{
    public static readonly int[] Sizes = [1_000, 100_000, 300_000];

    public static async Task<IReadOnlyList<ExportResult>> RunAsync(WorkFolder work)
    {
        var path = Path.Combine(Path.GetDirectoryName(work.DatabasePath)!, "export.db");
        var database = BenchDatabase.Sqlite(path);
        await Site.RunCommandAsync(work, database, "migrate");
        await Site.RunCommandAsync(work, database, "createsuperuser", "--no-input");

        var results = new List<ExportResult>();
        var seeded = 0;
        foreach (var size in Sizes)
        {
            Console.WriteLine($"Export: seeding to {size} users, then downloading the CSV export from a fresh site ...");
            await Seeder.SeedUsersAsync(path, size - seeded, start: seeded);
            seeded = size;
            await using var site = await Site.StartAsync(work, database);
            results.Add(await MeasureAsync(site, size));
        }

        return results;
    }

    private static async Task<ExportResult> MeasureAsync(Site site, int users)
    {
        var cookie = await site.LogInAsync(Site.AdminUserName, Site.AdminPassword);
        await site.EnsureAuthenticatedAsync(cookie, "/admin/auth/user");
        var before = site.ReadMemory();

        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = site.BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/auth/user/export");
        request.Headers.Add("Cookie", cookie);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The export answered {(int)response.StatusCode}.");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0, rows = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            rows += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        clock.Stop();
        // Header line aside, one row per user (the superuser included).
        return new ExportResult(users, bytes, rows - 1, clock.Elapsed, before, site.ReadMemory());
    }
}
