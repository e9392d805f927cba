using System.Net;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Identity;

/// <summary>The session table: checked with the access query, written rarely, and bounded.</summary>
[TestFixture]
public sealed class UserSessionsTests : SiteFixture
{
    [Test]
    public async Task Checking_the_session_costs_no_query_of_its_own_and_no_write_while_it_is_fresh()
    {
        await Site.CreateUserAsync(new("cheap.session"));
        using var client = await Site.SignedInAsync("cheap.session");
        (await client.GetAsync("/admin/")).Dispose();

        Site.Commands.Clear();
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);

        var commands = Site.Commands.Commands;
        commands.Where(c => c.Contains("\"UserSessions\"", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("FROM \"AspNetUsers\"", "the session is read in the query that reads the account");
        commands.Should().NotContain(c => c.StartsWith("UPDATE", StringComparison.Ordinal), "a page view is not a write");
    }

    [Test]
    public async Task Last_seen_and_the_address_are_updated_once_the_touch_interval_has_passed()
    {
        await Site.CreateUserAsync(new("idle.a.while"));
        using var client = await Site.SignedInAsync("idle.a.while");
        var before = DateTime.UtcNow - UserSessions.TouchInterval - TimeSpan.FromMinutes(1);
        await SetLastSeenAsync("idle.a.while", before);

        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await SessionsOfAsync("idle.a.while")).Single().LastSeen.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task A_session_idle_for_the_cookie_lifetime_is_over_and_purged_at_the_next_sign_in()
    {
        await Site.CreateUserAsync(new("long.gone"));
        using var idle = await Site.SignedInAsync("long.gone");
        await SetLastSeenAsync("long.gone", DateTime.UtcNow - UserSessions.IdleLifetime - TimeSpan.FromHours(1));

        using var refused = await idle.GetAsync("/admin/");
        SiteClient.RedirectPath(refused).Should().StartWith(SiteClient.LoginPath);

        using var fresh = await Site.SignedInAsync("long.gone");
        (await SessionsOfAsync("long.gone")).Should().ContainSingle("the idle session was purged");
    }

    [Test]
    public async Task Logged_out_sessions_are_purged_and_a_user_keeps_at_most_the_newest_sessions()
    {
        await Site.CreateUserAsync(new("signs.in.a.lot"));
        using (var first = await Site.SignedInAsync("signs.in.a.lot"))
        {
            (await first.PostFormAsync("/Identity/Account/Logout", [], tokenFrom: "/Identity/Account/Logout")).Dispose();
        }

        var clients = new List<SiteClient>();
        for (var i = 0; i < UserSessions.MaxPerUser + 2; i++)
        {
            clients.Add(await Site.SignedInAsync("signs.in.a.lot"));
        }

        (await SessionsOfAsync("signs.in.a.lot")).Should().HaveCount(UserSessions.MaxPerUser).And.OnlyContain(s => s.Revoked == null);
        (await clients[^1].GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
        clients.ForEach(c => c.Dispose());
    }

    private Task<List<UserSession>> SessionsOfAsync(string userName) => Site.WithDbAsync(db =>
        db.UserSessions.AsNoTracking().Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == userName)).ToListAsync());

    private Task SetLastSeenAsync(string userName, DateTime lastSeen) => Site.WithDbAsync(db =>
        db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == userName))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeen, lastSeen)));
}
