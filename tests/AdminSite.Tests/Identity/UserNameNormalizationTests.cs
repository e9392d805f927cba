using System.Net;
using AdminSite.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Tests.Identity;

/// <summary>User names are NFKC-normalised, as Django does: a full-width or ligature twin of a name is that name.</summary>
[TestFixture]
public sealed class UserNameNormalizationTests : AdminClientFixture
{
    [TestCase("ａｄｍｉｎ")]
    [TestCase("ADMIN")]
    public async Task A_twin_of_an_existing_name_is_refused(string twin)
    {
        using var add = await AddAsync(twin);

        add.StatusCode.Should().Be(HttpStatusCode.OK, "the form is shown again");
        Html.Text(await add.Content.ReadAsStringAsync()).Should().Contain("A user with that username already exists.");
        (await Site.FindUserAsync(twin)).Should().BeNull();
    }

    [Test]
    public async Task A_name_is_stored_in_its_normal_form_and_signs_in_by_either()
    {
        using var add = await AddAsync("ｊｏｈｎ．ｄｏｅ");

        add.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Site.FindUserAsync("john.doe")).Should().NotBeNull("ｊｏｈｎ．ｄｏｅ is stored as john.doe");
        (await Site.FindUserAsync("ｊｏｈｎ．ｄｏｅ")).Should().BeNull();
        await Site.WithDbAsync(db => db.Users.Where(u => u.UserName == "john.doe").ExecuteUpdateAsync(set => set.SetProperty(u => u.IsStaff, true)));
        await Site.SignedInAsync("ｊｏｈｎ．ｄｏｅ", "Quite-Unusual-99");
    }

    [Test]
    public async Task Failed_logins_of_a_twin_count_towards_the_same_lockout()
    {
        await Site.CreateUserAsync(new("twin.counted"));
        using var client = Site.CreateSiteClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await client.TryLogInAsync(attempt % 2 == 0 ? "ｔｗｉｎ.counted" : "twin.counted", "wrong")).Dispose();
        }

        using var right = await client.TryLogInAsync("twin.counted", TestData.Password);
        SiteClient.RedirectPath(right).Should().Be("/Identity/Account/Lockout", "five tries in all, whichever form they were typed in");
    }

    private Task<HttpResponseMessage> AddAsync(string userName) => Admin.PostFormAsync("/admin/auth/user/add", new()
    {
        ["Input.UserName"] = userName,
        ["Input.Password1"] = "Quite-Unusual-99",
        ["Input.Password2"] = "Quite-Unusual-99",
        ["_save"] = "Save",
    });

    [TestCase("ａｄｍｉｎ", "admin")]
    [TestCase("ﬁle", "file")]
    [TestCase("𝐚𝐝𝐦𝐢𝐧", "admin")]
    [TestCase("e\u0301", "\u00e9")]
    [TestCase("\u1ebf", "\u1ebf")]
    [TestCase("e\u0302\u0301", "\u1ebf")]
    [TestCase("Zoë 李", "Zoë 李")]
    public void Nfkc_matches_unicode(string typed, string normal) =>
        AdminSite.Identity.Nfkc.Normalize(typed).Should().Be(normal);
}
