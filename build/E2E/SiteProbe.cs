using System.Net;
using System.Text.RegularExpressions;
using BuildEngine;

namespace E2E;

/// <summary>What a person or a load balancer would ask a running admin site, over plain HTTP on loopback.</summary>
public sealed partial class SiteProbe(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(15),
    };

    public const string LoginPath = "/Identity/Account/Login";

    public async Task<bool> IsHealthy() => (await _http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;

    /// <summary>Fails unless liveness, readiness and the login form all answer as they should.</summary>
    public async Task CheckServing()
    {
        await Expect("/healthz", HttpStatusCode.OK);
        await Expect("/readyz", HttpStatusCode.OK);
        var login = await Expect(LoginPath, HttpStatusCode.OK);
        if (!login.Contains("Input.UserName", StringComparison.Ordinal) || !login.Contains("__RequestVerificationToken", StringComparison.Ordinal))
            throw new BuildFailedException($"{LoginPath} does not show the login form.");
        Log.Information($"{baseUrl}: /healthz and /readyz answer 200, {LoginPath} shows the login form.");
    }

    /// <summary>Logs in the way the browser does (form post with the antiforgery token); true when the site lets the user in.</summary>
    public async Task<bool> CanLogIn(string userName, string password)
    {
        var page = await _http.GetAsync(LoginPath);
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(cookie => cookie.Split(';')[0]).ToList() : [];
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.TryGetValues("Set-Cookie", out var issued))
            return false;

        // Logged in means the admin home answers with the cookies the login set, instead of sending us to log in.
        using var home = new HttpRequestMessage(HttpMethod.Get, "/admin");
        home.Headers.Add("Cookie", string.Join("; ", cookies.Concat(issued.Select(cookie => cookie.Split(';')[0]))));
        return (await _http.SendAsync(home)).StatusCode == HttpStatusCode.OK;
    }

    private async Task<string> Expect(string path, HttpStatusCode status)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == status
            ? body
            : throw new BuildFailedException($"GET {path} answered {(int)response.StatusCode}, expected {(int)status}: {body[..Math.Min(body.Length, 300)]}");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex TokenPattern();
}
