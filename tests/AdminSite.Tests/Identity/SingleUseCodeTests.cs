using System.Net;
using System.Text;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;

namespace AdminSite.Tests.Identity;

/// <summary>An authenticator code signs in once: a replayed, older or far-off code is refused.</summary>
[TestFixture]
public sealed class SingleUseCodeTests : SiteFixture
{
    // RFC 6238 appendix B, SHA-1 rows (the last six of the eight digits).
    [TestCase(59L, "287082")]
    [TestCase(1111111109L, "081804")]
    [TestCase(1234567890L, "005924")]
    [TestCase(20000000000L, "353130")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        SingleUseAuthenticatorTokenProvider.Code(secret, unixSeconds / 30).Should().Be(expected);
    }

    [Test]
    public void Keys_decode_from_base32_whatever_the_case_spacing_and_padding()
    {
        Base32.TryDecode("JBSWY3DPEHPK3PXP").Should().Equal(Encoding.ASCII.GetBytes("Hello!").Concat(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }));
        Base32.TryDecode("jbsw y3dp ehpk 3pxp").Should().Equal(Base32.TryDecode("JBSWY3DPEHPK3PXP"));
        Base32.TryDecode("MZXW6===").Should().Equal(Encoding.ASCII.GetBytes("foo"));
        Base32.TryDecode("NOT-BASE32!").Should().BeNull();
    }

    [Test]
    public async Task A_code_that_signed_in_once_is_refused_the_second_time()
    {
        var key = await EnrolledAsync("replayed");
        var code = Authenticator.Code(key);

        (await SecondStepAsync("replayed", code)).Should().Be("/admin/");

        var replay = await SecondStepAsync("replayed", code);
        replay.Should().BeNull("the same code, within its 30 seconds, does not sign in again");
    }

    [Test]
    public async Task After_a_code_is_used_an_older_one_is_refused_and_a_newer_one_accepted()
    {
        var key = await EnrolledAsync("moving.on");

        (await SecondStepAsync("moving.on", Authenticator.CodeAt(key, 0))).Should().Be("/admin/");

        (await SecondStepAsync("moving.on", Authenticator.CodeAt(key, -1))).Should().BeNull("a code older than the last one used is stale");
        (await SecondStepAsync("moving.on", Authenticator.CodeAt(key, 1))).Should().Be("/admin/", "one step of clock drift ahead is allowed");
    }

    [TestCase(-2)]
    [TestCase(2)]
    public async Task Codes_more_than_one_step_away_are_refused(int offset)
    {
        var userName = $"drifting{offset + 10}";
        var key = await EnrolledAsync(userName);

        (await SecondStepAsync(userName, Authenticator.CodeAt(key, offset))).Should().BeNull();
    }

    [Test]
    public async Task Of_two_sessions_waiting_for_a_code_the_same_code_signs_in_only_the_first()
    {
        var key = await EnrolledAsync("raced");
        var code = Authenticator.Code(key);
        using var first = Site.CreateSiteClient();
        using var second = Site.CreateSiteClient();
        var firstStep = await PasswordStepAsync(first, "raced");
        var secondStep = await PasswordStepAsync(second, "raced");

        using var winner = await first.PostFormAsync(firstStep, new() { ["Input.Code"] = code });
        using var loser = await second.PostFormAsync(secondStep, new() { ["Input.Code"] = code });

        SiteClient.RedirectPath(winner).Should().Be("/admin/");
        loser.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await loser.Content.ReadAsStringAsync()).Should().Contain("That code is not valid, or was already used.");
    }

    private async Task<string> EnrolledAsync(string userName)
    {
        await Site.CreateUserAsync(new(userName));
        return await Site.EnrolAsync(userName);
    }

    private static async Task<string> PasswordStepAsync(SiteClient client, string userName)
    {
        using var password = await client.TryLogInAsync(userName, TestData.Password);
        return SiteClient.RedirectPath(password);
    }

    /// <summary>Logs in with the password and <paramref name="code"/>; where the site sent the browser, or null if it refused the code.</summary>
    private async Task<string?> SecondStepAsync(string userName, string code)
    {
        using var client = Site.CreateSiteClient();
        var step = await PasswordStepAsync(client, userName);
        using var response = await client.PostFormAsync(step, new() { ["Input.Code"] = code });
        return response.StatusCode == HttpStatusCode.Redirect ? SiteClient.RedirectPath(response) : null;
    }
}
