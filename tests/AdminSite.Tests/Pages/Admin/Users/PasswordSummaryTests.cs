using AdminSite.Identity;
using AdminSite.Pages.Admin.Users;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Tests.Pages.Admin.Users;

/// <summary>Django's read-only password field: algorithm, iterations and the masked salt and hash, read from Identity's hash.</summary>
[TestFixture]
public sealed class PasswordSummaryTests : AdminClientFixture
{
    [TestCase(PasswordHasherCompatibilityMode.IdentityV3, 1_000, "pbkdf2_sha512", "1000", 24, 44)]
    [TestCase(PasswordHasherCompatibilityMode.IdentityV3, 600_000, "pbkdf2_sha512", "600000", 24, 44)]
    [TestCase(PasswordHasherCompatibilityMode.IdentityV2, 0, "pbkdf2_sha1", "1000", 24, 44)]
    public void A_hash_reads_as_its_algorithm_iterations_and_masked_salt_and_hash(
        PasswordHasherCompatibilityMode mode, int iterations, string algorithm, string shownIterations, int saltLength, int hashLength)
    {
        var options = new PasswordHasherOptions { CompatibilityMode = mode };
        if (iterations > 0)
        {
            options.IterationCount = iterations;
        }

        var hash = new PasswordHasher<AdminUser>(Options.Create(options)).HashPassword(new AdminUser(), "Some-Password-1");

        var entries = PasswordSummary.Of(hash).ToDictionary(e => e.Label, e => e.Value);

        entries.Keys.Should().Equal("algorithm", "iterations", "salt", "hash");
        entries["algorithm"].Should().Be(algorithm);
        entries["iterations"].Should().Be(shownIterations);
        var bytes = Convert.FromBase64String(hash);
        var salt = mode == PasswordHasherCompatibilityMode.IdentityV2 ? bytes[1..17] : bytes[13..29];
        entries["salt"].Should().Be(Convert.ToBase64String(salt)[..6] + new string('*', saltLength - 6));
        entries["hash"].Should().HaveLength(hashLength).And.EndWith(new string('*', hashLength - 6));
        entries["hash"]![..6].Should().Be(Convert.ToBase64String(bytes[^32..])[..6]);
    }

    [Test]
    public void The_pseudo_random_function_and_count_come_from_the_hash_itself()
    {
        // Version 3 with HMAC-SHA256 (PRF 1) and 310,000 iterations, salt 00..0f, key 100..131.
        var entries = PasswordSummary.Of("AQAAAAEABLrwAAAAEAABAgMEBQYHCAkKCwwNDg9kZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCgw==");

        entries.Should().Equal(("algorithm", "pbkdf2_sha256"), ("iterations", "310000"), ("salt", "AAECAw******************"),
            ("hash", "ZGVmZ2" + new string('*', 38)));
    }

    [TestCase(null, PasswordSummary.NoPassword)]
    [TestCase("", PasswordSummary.NoPassword)]
    [TestCase("not base64!", PasswordSummary.Unknown)]
    [TestCase("AQ==", PasswordSummary.Unknown)]
    [TestCase("AQAAAAkAAAPoAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PasswordSummary.Unknown)] // PRF 9
    [TestCase("AQAAAAIAAAPoAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PasswordSummary.Unknown)] // salt longer than the hash
    public void Anything_else_says_so_without_a_value(string? hash, string text) =>
        PasswordSummary.Of(hash).Should().Equal((text, (string?)null));

    [Test]
    public async Task The_change_form_shows_the_summary_and_never_the_whole_hash()
    {
        var user = await Site.CreateUserAsync(new("hashed"));
        var stored = (await Site.FindUserAsync("hashed"))!.PasswordHash!;

        var html = Html.Text(await Admin.GetHtmlAsync($"/admin/auth/user/{user.Id}/change"));

        html.Should().Contain("<strong>algorithm</strong>: <bdi>pbkdf2_sha512</bdi>").And.Contain("<strong>iterations</strong>: <bdi>1000</bdi>");
        html.Should().MatchRegex(@"<strong>salt</strong>: <bdi>[A-Za-z0-9+/]{6}\*{18}</bdi>").And.MatchRegex(@"<strong>hash</strong>: <bdi>[A-Za-z0-9+/]{6}\*{38}</bdi>");
        html.Should().NotContain(stored[..20]);
    }
}
