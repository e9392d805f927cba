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

    /// <summary>True when the admin home answers with these cookies instead of sending the visitor to log in.</summary>
    public async Task<bool> IsSignedIn(string cookies)
    {
        using var home = new HttpRequestMessage(HttpMethod.Get, "/admin");
        home.Headers.Add("Cookie", cookies);
        return (await _http.SendAsync(home)).StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The status code of a plain GET, as a kubelet's httpGet probe sees it.</summary>
    public async Task<HttpStatusCode> Status(string path) => (await _http.GetAsync(path)).StatusCode;

    /// <summary>A page as a signed-in browser gets it; fails unless it answers 200.</summary>
    public async Task<string> Page(string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        var response = await _http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new BuildFailedException($"GET {path} answered {(int)response.StatusCode} to a signed-in admin, expected 200.");
    }

    /// <summary>Logs in the way the browser does (form post with the antiforgery token): the Cookie header of a signed-in browser, or null when the login is refused.</summary>
    public async Task<string?> LogIn(string userName, string password)
    {
        var page = await _http.GetAsync(LoginPath);
        var cookies = IssuedCookies(page).ToList();
        var token = await FormToken(page);
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
        var issued = IssuedCookies(response).ToList();
        return response.StatusCode == HttpStatusCode.Redirect && issued.Count > 0
            ? string.Join("; ", cookies.Concat(issued))
            : null;
    }

    /// <summary>A form as a browser holds it: the page's antiforgery token and the cookies that go with it.</summary>
    public async Task<(string Token, string Cookies)> OpenForm(string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        var page = await _http.SendAsync(request);
        var token = await FormToken(page);
        return token.Length > 0
            ? (token, string.Join("; ", new[] { cookies }.Concat(IssuedCookies(page))))
            : throw new BuildFailedException($"GET {path} showed no form ({(int)page.StatusCode}).");
    }

    /// <summary>Submits a form opened with <see cref="OpenForm"/>; returns the status code.</summary>
    public async Task<HttpStatusCode> Submit(string path, (string Token, string Cookies) form, IReadOnlyDictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", form.Token))),
        };
        request.Headers.Add("Cookie", form.Cookies);
        return (await _http.SendAsync(request)).StatusCode;
    }

    private async Task<string> Expect(string path, HttpStatusCode status)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == status
            ? body
            : throw new BuildFailedException($"GET {path} answered {(int)response.StatusCode}, expected {(int)status}: {body[..Math.Min(body.Length, 300)]}");
    }

    /// <summary>The name=value part of each Set-Cookie header, as a browser sends them back.</summary>
    private static IEnumerable<string> IssuedCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(cookie => cookie.Split(';')[0]) : [];

    private static async Task<string> FormToken(HttpResponseMessage page) =>
        TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex TokenPattern();
}
