using System.Net;
using System.Text.RegularExpressions;

namespace AdminSite.Tests.Infrastructure;

/// <summary>A browser without JavaScript: keeps cookies, follows no redirects, submits forms with their antiforgery token.</summary>
public sealed partial class SiteClient(HttpClient http) : IDisposable
{
    public const string LoginPath = "/Identity/Account/Login";

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<string> GetHtmlAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, $"GET {url} answered {(int)response.StatusCode}: {Excerpt(html)}");
        return html;
    }

    public async Task LogInAsync(string userName, string password)
    {
        using var response = await TryLogInAsync(userName, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"logging in as {userName} should succeed");
        response.Headers.Location!.OriginalString.Should().Be("/admin/");
    }

    public async Task<HttpResponseMessage> TryLogInAsync(string userName, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? LoginPath : $"{LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await PostFormAsync(url, new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    /// <summary>The login form's POST with its token, not yet sent: for a test to add what a proxy would first.</summary>
    public async Task<HttpRequestMessage> LoginRequestAsync(string userName, string password)
    {
        var token = await TokenAsync(LoginPath);
        return new HttpRequestMessage(HttpMethod.Post, LoginPath)
        {
            Content = new FormUrlEncodedContent(
            [
                new("Input.UserName", userName),
                new("Input.Password", password),
                new("__RequestVerificationToken", token),
            ]),
        };
    }

    /// <summary>Submits a form as a browser would: reads the antiforgery token from the page first (or from <paramref name="tokenFrom"/>).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenFrom = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var token = await TokenAsync(tokenFrom ?? url);
        var pairs = fields.ToList();
        pairs.Add(new("__RequestVerificationToken", token));
        if (extra is not null)
        {
            pairs.AddRange(extra);
        }

        return await Http.PostAsync(url, new FormUrlEncodedContent(pairs));
    }

    /// <summary>A POST with no antiforgery token at all, as a cross-site form would send.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string url, IEnumerable<KeyValuePair<string, string>>? fields = null) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields ?? []));

    public async Task<string> TokenAsync(string url)
    {
        var html = await GetHtmlAsync(url);
        var match = TokenPattern().Match(html);
        match.Success.Should().BeTrue($"{url} should contain a form with an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Where a redirect leads, as a local path and query (cookie authentication writes absolute URLs).</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} is not a redirect.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>
    /// Django's refusal of a signed-in user: 403 at the address asked for (no redirect elsewhere), drawn as the
    /// admin's page, with breadcrumbs and a way back.
    /// </summary>
    public static async Task ShouldBeDeniedAsync(HttpResponseMessage response, string because = "")
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{because} ({Excerpt(html)})");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        page.QuerySelector("h1")?.TextContent.Should().Be("403 Forbidden", because);
        Regex.Replace(page.QuerySelector(".breadcrumbs")?.TextContent ?? "", @"\s+", " ").Trim().Should().Be("Home › Permission denied", because);
        page.QuerySelectorAll(".way-back a").Should().NotBeEmpty(because);
    }

    public static string Excerpt(string html) => html.Length > 600 ? html[..600] : html;

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
