namespace AdminSite.Commands;

/// <summary>
/// <c>healthcheck URL</c>: exit 0 when GET answers 200, else 1 with the reason. The runtime image has no
/// curl, so Kubernetes' <c>helm test</c> pod runs the site's own binary for this.
/// </summary>
public static class HealthCheckCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "healthcheck";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, new SystemCommandConsole());

    public static async Task<int> RunAsync(string[] args, ICommandConsole console, HttpMessageHandler? handler = null)
    {
        if (args.Length != 2 || !Uri.TryCreate(args[1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            console.WriteError("Usage: healthcheck <http(s) url>, e.g. healthcheck http://localhost:8080/healthz");
            return AdminCommands.UsageError;
        }

        using var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.Timeout = TimeSpan.FromSeconds(10);
        try
        {
            using var response = await client.GetAsync(url);
            if ((int)response.StatusCode == 200)
            {
                console.WriteLine($"Healthy: {url} answered 200 OK.");
                return AdminCommands.Success;
            }

            console.WriteError($"Unhealthy: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (HttpRequestException e)
        {
            console.WriteError($"Unhealthy: {url} could not be reached: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            console.WriteError($"Unhealthy: {url} did not answer within {client.Timeout.TotalSeconds:0} seconds.");
        }

        return AdminCommands.Failure;
    }
}
