using System.Net;
using AdminSite.Commands;
using AdminSite.Tests.Infrastructure;
using NSubstitute;

namespace AdminSite.Tests.Commands;

[TestFixture]
public sealed class HealthCheckCommandTests
{
    [Test]
    public async Task A_200_is_healthy()
    {
        var console = new ScriptedConsole();

        var code = await HealthCheckCommand.RunAsync(["healthcheck", "http://site/healthz"], console, new StubHandler(HttpStatusCode.OK));

        code.Should().Be(0);
        console.AllOutput.Should().Contain("answered 200");
    }

    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.NoContent)]
    [TestCase(HttpStatusCode.Redirect)]
    public async Task Anything_but_200_is_unhealthy_with_the_reason(HttpStatusCode status)
    {
        var console = new ScriptedConsole();

        var code = await HealthCheckCommand.RunAsync(["healthcheck", "http://site/readyz"], console, new StubHandler(status));

        code.Should().Be(1);
        console.AllErrors.Should().Contain($"answered {(int)status}");
    }

    [Test]
    public async Task An_unreachable_server_is_unhealthy()
    {
        var console = Substitute.For<ICommandConsole>();

        var code = await HealthCheckCommand.RunAsync(["healthcheck", "http://127.0.0.1:9/healthz"], console);

        code.Should().Be(1);
        console.Received().WriteError(Arg.Is<string>(s => s.Contains("could not be reached")));
    }

    [TestCase]
    [TestCase("not a url")]
    [TestCase("ftp://site/healthz")]
    [TestCase("http://a", "http://b")]
    public async Task Bad_arguments_are_a_usage_error(params string[] rest)
    {
        var console = new ScriptedConsole();

        (await HealthCheckCommand.RunAsync(["healthcheck", .. rest], console)).Should().Be(2);

        console.AllErrors.Should().Contain("Usage: healthcheck");
    }

    private sealed class StubHandler(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}

/// <summary>The published binary itself: exit codes a shell, Kubernetes or a Dockerfile would see.</summary>
[TestFixture]
public sealed class BinaryTests
{
    [Test]
    public async Task The_binary_exits_2_for_an_unknown_command()
    {
        var (code, _, error) = await SiteProcess.RunAsync(["frobnicate"]);

        code.Should().Be(2);
        error.Should().Contain("Unknown command 'frobnicate'");
    }

    [Test]
    public async Task The_binary_healthcheck_passes_against_a_live_site_and_fails_against_a_dead_port()
    {
        await using var site = new AdminSiteFactory(kestrel: true);
        var healthz = new Uri(site.ServerAddress, "/healthz").ToString();

        var (ok, okOut, _) = await SiteProcess.RunAsync(["healthcheck", healthz]);
        var (dead, _, deadError) = await SiteProcess.RunAsync(["healthcheck", "http://127.0.0.1:9/healthz"]);

        ok.Should().Be(0, okOut);
        dead.Should().Be(1);
        deadError.Should().Contain("could not be reached");
    }
}
