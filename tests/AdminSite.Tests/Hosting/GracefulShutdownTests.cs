using System.Net;
using System.Text;
using AdminSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminSite.Tests.Hosting;

/// <summary>
/// SIGTERM: readiness fails at once (the load balancer stops sending), the server keeps answering for the
/// drain delay, then refuses new connections while the requests in flight finish.
/// </summary>
[TestFixture]
public sealed class GracefulShutdownTests
{
    [Test]
    public async Task Readiness_fails_as_soon_as_shutdown_begins_while_liveness_holds()
    {
        // The drain delay keeps the (in-memory) server up after the stop begins, long enough to ask.
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Shutdown:DrainDelaySeconds"] = "2" });
        using var client = site.CreateSiteClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        site.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task On_SIGTERM_a_request_in_flight_finishes_while_new_ones_are_turned_away()
    {
        const int drainSeconds = 3;
        var folder = Directory.CreateTempSubdirectory("admin-site-shutdown-");
        try
        {
            await using var site = SiteServer.Start(new Dictionary<string, string>
            {
                ["Database__SqlitePath"] = Path.Combine(folder.FullName, "admin-site.db"),
                ["Bootstrap__AdminUserName"] = AdminSiteFactory.AdminUserName,
                ["Bootstrap__AdminPassword"] = AdminSiteFactory.AdminPassword,
                ["Shutdown__DrainDelaySeconds"] = drainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DOTNET_SHUTDOWNTIMEOUTSECONDS"] = "20",
            });
            await site.WaitUntilReadyAsync();

            // A login whose form is still arriving when the signal comes: the request is in flight.
            using var browser = new SiteClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = site.BaseAddress });
            var token = await browser.TokenAsync(SiteClient.LoginPath);
            var gate = new TaskCompletionSource();
            var body = new GatedFormContent(
                $"Input.UserName={AdminSiteFactory.AdminUserName}&Input.Password={AdminSiteFactory.AdminPassword}&__RequestVerificationToken={Uri.EscapeDataString(token)}",
                gate.Task);
            var login = browser.Http.PostAsync(SiteClient.LoginPath, body);
            await body.FirstHalfSent;
            await Task.Delay(200);

            site.Terminate();

            // The signal is handled asynchronously: readiness fails within moments, while the server still answers.
            (await PollAsync(() => StatusOfNewRequestAsync(site.BaseAddress, "/readyz"), status => status == HttpStatusCode.ServiceUnavailable))
                .Should().BeTrue("readiness fails as soon as shutdown begins");
            (await StatusOfNewRequestAsync(site.BaseAddress, "/healthz")).Should().Be(HttpStatusCode.OK, "the server still answers during the drain delay");

            (await PollAsync(async () => await RefusesNewConnectionsAsync(site.BaseAddress), refused => refused))
                .Should().BeTrue("after the drain delay the server takes no new connections");
            site.HasExited.Should().BeFalse("it waits for the request in flight");

            gate.SetResult();
            using var response = await login;

            response.StatusCode.Should().Be(HttpStatusCode.Redirect, site.Output);
            SiteClient.RedirectPath(response).Should().Be("/admin/", "the login in flight completed normally");
            (await site.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, site.Output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<bool> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (done(await probe()))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static async Task<bool> RefusesNewConnectionsAsync(Uri baseAddress)
    {
        try
        {
            await StatusOfNewRequestAsync(baseAddress, "/healthz");
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    // On a fresh connection each time, as a load balancer's probe would come.
    private static async Task<HttpStatusCode> StatusOfNewRequestAsync(Uri baseAddress, string path)
    {
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>A form body sent in two halves, the second only when the test opens the gate.</summary>
    private sealed class GatedFormContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly Task _gate;
        private readonly TaskCompletionSource _firstHalf = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedFormContent(string form, Task gate)
        {
            _bytes = Encoding.UTF8.GetBytes(form);
            _gate = gate;
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        public Task FirstHalfSent => _firstHalf.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            _firstHalf.SetResult();
            await _gate;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
