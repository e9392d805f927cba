using System.Net;
using AdminSite.Audit;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Pages.Admin.TwoFactor;

/// <summary>Enrolling an authenticator app, logging in with it or a recovery code, and turning it off or resetting it.</summary>
[TestFixture]
public sealed class TwoFactorTests : SiteFixture
{
    [Test]
    public async Task Enrolling_shows_a_server_drawn_QR_code_and_key_then_a_valid_code_turns_it_on_with_ten_recovery_codes()
    {
        using var client = await SignedInAsNewAsync(new("enrolling"));

        var setup = await client.GetHtmlAsync("/admin/two_factor/setup");
        var key = Authenticator.KeyFrom(setup);
        key.Replace(" ", "", StringComparison.Ordinal).Should().MatchRegex("^[a-z2-7]{32}$", "a base32 key, shown in groups for typing");
        setup.Should().Contain("<img src=\"data:image/png;base64,").And.NotContain("otpauth://", "the key travels in the image, not in a link");
        (await client.GetHtmlAsync("/admin/two_factor/setup")).Should().Contain(key, "reloading the page keeps the same key until it is verified");

        using var wrong = await client.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.WrongCode(key) });
        Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not valid, or was already used.");
        (await Site.FindUserAsync("enrolling"))!.TwoFactorEnabled.Should().BeFalse();

        using var right = await client.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(key) });
        var shown = await right.Content.ReadAsStringAsync();

        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Site.FindUserAsync("enrolling"))!.TwoFactorEnabled.Should().BeTrue();
        var codes = Authenticator.RecoveryCodesFrom(shown);
        codes.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        Html.Text(shown).Should().Contain("shown only this once");
        Authenticator.RecoveryCodesFrom(await client.GetHtmlAsync("/admin/two_factor")).Should().BeEmpty("the codes are never shown again");
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "the session that enrolled stays signed in");
        right.Headers.CacheControl!.NoStore.Should().BeTrue("keys and codes must not be cached");
    }

    [Test]
    public async Task Recovery_codes_are_stored_as_hashes_and_work_once_each()
    {
        using var client = await SignedInAsNewAsync(new("recovering"));
        var key = Authenticator.KeyFrom(await client.GetHtmlAsync("/admin/two_factor/setup"));
        using var enable = await client.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(key) });
        var codes = Authenticator.RecoveryCodesFrom(await enable.Content.ReadAsStringAsync());

        var stored = await Site.WithDbAsync(db => db.UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync());
        stored.Should().NotContain(value => codes.Any(code => value!.Contains(code, StringComparison.OrdinalIgnoreCase)), "only hashes of the codes are kept");

        using var browser = Site.CreateSiteClient();
        using var password = await browser.TryLogInAsync("recovering", TestData.Password);
        var step = SiteClient.RedirectPath(password);
        using var recovered = await browser.PostFormAsync(step, new() { ["Input.Code"] = codes[3].ToLowerInvariant() });
        SiteClient.RedirectPath(recovered).Should().Be("/admin/");
        Html.Messages(await browser.GetHtmlAsync("/admin/")).Should().ContainMatch("*recovery code; 9 are left*");

        using var again = Site.CreateSiteClient();
        using var password2 = await again.TryLogInAsync("recovering", TestData.Password);
        using var reused = await again.PostFormAsync(SiteClient.RedirectPath(password2), new() { ["Input.Code"] = codes[3] });
        reused.StatusCode.Should().Be(HttpStatusCode.OK, "a used recovery code is refused");
        Html.Text(await reused.Content.ReadAsStringAsync()).Should().Contain("That code is not valid, or was already used.");
    }

    [Test]
    public async Task Logging_in_to_an_enrolled_account_asks_for_the_code_after_the_password()
    {
        await Site.CreateUserAsync(new("two.step"));
        var key = await Site.EnrolAsync("two.step");
        using var client = Site.CreateSiteClient();

        using var password = await client.TryLogInAsync("two.step", TestData.Password, "/admin/auth/group");
        SiteClient.RedirectPath(password).Should().StartWith("/Identity/Account/LoginWith2fa");
        SiteClient.RedirectPath(await client.GetAsync("/admin/")).Should().StartWith(SiteClient.LoginPath, "the password alone signs nobody in");

        using var wrong = await client.PostFormAsync(SiteClient.RedirectPath(password), new() { ["Input.Code"] = Authenticator.WrongCode(key) });
        Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not valid, or was already used.");

        using var right = await client.PostFormAsync(SiteClient.RedirectPath(password), new() { ["Input.Code"] = Authenticator.Code(key) });
        SiteClient.RedirectPath(right).Should().Be("/admin/auth/group", "the return URL survives the second step");
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Site.FindUserAsync("two.step"))!.LastLogin.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Without_the_password_step_the_code_page_sends_people_back_to_log_in()
    {
        using var client = Site.CreateSiteClient();

        using var post = await client.PostFormAsync("/Identity/Account/LoginWith2fa", new() { ["Input.Code"] = "123456" }, tokenFrom: SiteClient.LoginPath);

        SiteClient.RedirectPath(post).Should().StartWith(SiteClient.LoginPath);
    }

    [Test]
    public async Task Wrong_codes_count_towards_the_account_lockout()
    {
        await Site.CreateUserAsync(new("code.guesser"));
        var key = await Site.EnrolAsync("code.guesser");
        using var client = Site.CreateSiteClient();
        using var password = await client.TryLogInAsync("code.guesser", TestData.Password);
        var step = SiteClient.RedirectPath(password);

        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last?.Dispose();
            last = await client.PostFormAsync(step, new() { ["Input.Code"] = Authenticator.WrongCode(key) });
        }

        SiteClient.RedirectPath(last!).Should().Be("/Identity/Account/Lockout");
        last!.Dispose();
    }

    [Test]
    public async Task Turning_it_off_needs_a_current_code_and_is_audited_without_the_key()
    {
        await Site.CreateUserAsync(new("switching.off"));
        var key = await Site.EnrolAsync("switching.off");
        using var client = await Site.SignedInWithCodeAsync("switching.off", key);
        var page = await client.GetHtmlAsync("/admin/two_factor");
        page.Should().Contain("Recovery codes left: <strong>0</strong>");

        using var noCode = await client.PostFormAsync("/admin/two_factor?handler=Disable", new() { ["Code"] = "" }, tokenFrom: "/admin/two_factor");
        Html.Text(await noCode.Content.ReadAsStringAsync()).Should().Contain("That code is not valid, or was already used.");
        (await Site.FindUserAsync("switching.off"))!.TwoFactorEnabled.Should().BeTrue();

        using var off = await client.PostFormAsync("/admin/two_factor?handler=Disable", new() { ["Code"] = Authenticator.Code(key) }, tokenFrom: "/admin/two_factor");
        off.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Site.FindUserAsync("switching.off"))!.TwoFactorEnabled.Should().BeFalse();
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK, "turning it off keeps this session");

        var entry = await Site.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync(e => e.ObjectRepr == "switching.off"));
        AuditLog.Describe(entry).Should().Be("Disabled two-factor authentication.");
        AuditLog.ChangesOf(entry).Should().Equal(new FieldChange("Two-factor authentication", "Enabled", "Disabled"));
        (entry.Changes + entry.Message).Should().NotContain(key);
        await Site.CreateSiteClient().LogInAsync("switching.off", TestData.Password);
    }

    [Test]
    public async Task Resetting_the_app_takes_a_code_turns_it_off_and_offers_a_new_key()
    {
        await Site.CreateUserAsync(new("new.phone"));
        var key = await Site.EnrolAsync("new.phone");
        using var client = await Site.SignedInWithCodeAsync("new.phone", key);

        using var reset = await client.PostFormAsync("/admin/two_factor?handler=Reset", new() { ["Code"] = Authenticator.Code(key) }, tokenFrom: "/admin/two_factor");

        SiteClient.RedirectPath(reset).Should().Be("/admin/two_factor/setup");
        (await Site.FindUserAsync("new.phone"))!.TwoFactorEnabled.Should().BeFalse();
        var newKey = Authenticator.KeyFrom(await client.GetHtmlAsync("/admin/two_factor/setup"));
        newKey.Replace(" ", "", StringComparison.Ordinal).Should().NotBe(key.ToLowerInvariant(), "the old phone must stop working");

        using var again = await client.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(newKey) });
        Authenticator.RecoveryCodesFrom(await again.Content.ReadAsStringAsync()).Should().HaveCount(10, "the new phone works at once, within the same 30 seconds");
    }

    [Test]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        using var client = await SignedInAsNewAsync(new("fresh.codes"));
        var key = Authenticator.KeyFrom(await client.GetHtmlAsync("/admin/two_factor/setup"));
        using var enable = await client.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(key) });
        var old = Authenticator.RecoveryCodesFrom(await enable.Content.ReadAsStringAsync());
        using var session = await Site.SignedInWithCodeAsync("fresh.codes", key);

        using var regenerate = await session.PostFormAsync("/admin/two_factor?handler=RecoveryCodes", new() { ["Code"] = Authenticator.Code(key) }, tokenFrom: "/admin/two_factor");
        var fresh = Authenticator.RecoveryCodesFrom(await regenerate.Content.ReadAsStringAsync());

        fresh.Should().HaveCount(10).And.NotIntersectWith(old);
        using var browser = Site.CreateSiteClient();
        using var password = await browser.TryLogInAsync("fresh.codes", TestData.Password);
        using var withOld = await browser.PostFormAsync(SiteClient.RedirectPath(password), new() { ["Input.Code"] = old[0] });
        withOld.StatusCode.Should().Be(HttpStatusCode.OK, "old codes stop working");
    }

    [Test]
    public async Task A_superuser_resets_a_lost_device_from_the_user_page_and_it_is_audited()
    {
        var user = await Site.CreateUserAsync(new("lost.phone"));
        await Site.EnrolAsync("lost.phone");
        using var admin = await Site.SignedInAdminAsync();

        var page = await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/change");
        page.Should().Contain("Reset two-factor authentication");
        using var reset = await admin.PostFormAsync($"/admin/auth/user/{user.Id}/change?handler=ResetTwoFactor", [], tokenFrom: $"/admin/auth/user/{user.Id}/change");

        SiteClient.RedirectPath(reset).Should().Be($"/admin/auth/user/{user.Id}/change");
        (await Site.FindUserAsync("lost.phone"))!.TwoFactorEnabled.Should().BeFalse();
        await Site.CreateSiteClient().LogInAsync("lost.phone", TestData.Password);
        Html.Text(await admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/history")).Should().Contain("Reset two-factor authentication.");
    }

    [Test]
    public async Task Only_superusers_may_reset_someone_else()
    {
        var user = await Site.CreateUserAsync(new("kept.phone"));
        await Site.EnrolAsync("kept.phone");
        using var helpdesk = await SignedInAsNewAsync(new("helpdesk", Permissions: ["auth.view_user", "auth.change_user"]));

        (await helpdesk.GetHtmlAsync($"/admin/auth/user/{user.Id}/change")).Should().NotContain("Reset two-factor authentication");
        using var reset = await helpdesk.PostFormAsync($"/admin/auth/user/{user.Id}/change?handler=ResetTwoFactor", [], tokenFrom: $"/admin/auth/user/{user.Id}/change");

        await SiteClient.ShouldBeDeniedAsync(reset);
        (await Site.FindUserAsync("kept.phone"))!.TwoFactorEnabled.Should().BeTrue();
    }
}

/// <summary>Security:RequireTwoFactorForSuperusers: superusers enrol before anything else; off by default.</summary>
[TestFixture]
public sealed class RequiredTwoFactorTests
{
    [Test]
    public async Task By_default_the_bootstrap_superuser_logs_in_with_a_password_alone()
    {
        await using var site = new AdminSiteFactory();
        using var client = await site.SignedInAdminAsync();

        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task When_required_a_superuser_is_sent_to_enrol_and_may_not_turn_it_off()
    {
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Security:RequireTwoFactorForSuperusers"] = "true" });
        await site.CreateUserAsync(new("plain.staff", Permissions: ["auth.view_user"]));
        using var admin = await site.SignedInAdminAsync();

        foreach (var path in new[] { "/admin/", "/admin/auth/user", "/admin/audit", "/admin/password_change" })
        {
            SiteClient.RedirectPath(await admin.GetAsync(path)).Should().Be("/admin/two_factor/setup", $"{path} waits until the superuser enrols");
        }

        Html.Messages(await admin.GetHtmlAsync("/admin/two_factor/setup")).Should().ContainMatch("*Superusers must set up two-factor authentication*");
        (await admin.GetAsync("/admin/two_factor")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var staff = await site.SignedInAsync("plain.staff");
        (await staff.GetAsync("/admin/auth/user")).StatusCode.Should().Be(HttpStatusCode.OK, "the rule is for superusers");

        var key = Authenticator.KeyFrom(await admin.GetHtmlAsync("/admin/two_factor/setup"));
        (await admin.PostFormAsync("/admin/two_factor/setup", new() { ["Code"] = Authenticator.Code(key) })).Dispose();
        (await admin.GetAsync("/admin/auth/user")).StatusCode.Should().Be(HttpStatusCode.OK, "enrolled, the superuser may use the admin");

        (await admin.GetHtmlAsync("/admin/two_factor")).Should().NotContain("Turn off two-factor authentication");
        using var off = await admin.PostFormAsync("/admin/two_factor?handler=Disable", new() { ["Code"] = Authenticator.Code(key) }, tokenFrom: "/admin/two_factor");
        (await site.FindUserAsync(AdminSiteFactory.AdminUserName))!.TwoFactorEnabled.Should().BeTrue();
    }
}
