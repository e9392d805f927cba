using System.Net;

namespace AdminSite.Tests.Infrastructure;

/// <summary>What "behaves as one site" means, for any two replicas (SQLite here, PostgreSQL in its own category).</summary>
public static class ReplicaBehaviour
{
    public static async Task ShareSessionsAndFormsAsync(AdminSiteFactory first, AdminSiteFactory second)
    {
        var cookies = new CookieContainer();
        using var a = first.CreateSiteClient(cookies);
        using var b = second.CreateSiteClient(cookies);

        // Logged in on A (form and antiforgery cookie from A), the session works on B and back on A.
        await a.LogInAsync(AdminSiteFactory.AdminUserName, AdminSiteFactory.AdminPassword);
        (await b.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "B accepts A's session cookie");

        // A form rendered by A is posted to B (say, the pod was replaced while the page was open)...
        var tokenFromA = await a.TokenAsync("/admin/auth/group/add");
        using var post = await b.Http.PostAsync("/admin/auth/group/add", new FormUrlEncodedContent(
            [new("Input.Name", $"made-across-{Guid.NewGuid():N}"), new("__RequestVerificationToken", tokenFromA)]));
        post.StatusCode.Should().Be(HttpStatusCode.Redirect, "B accepts A's antiforgery token");

        // ...and the other way round.
        var tokenFromB = await b.TokenAsync("/admin/auth/group/add");
        using var back = await a.Http.PostAsync("/admin/auth/group/add", new FormUrlEncodedContent(
            [new("Input.Name", $"made-back-{Guid.NewGuid():N}"), new("__RequestVerificationToken", tokenFromB)]));
        back.StatusCode.Should().Be(HttpStatusCode.Redirect, "A accepts B's antiforgery token");
        (await a.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
