using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using NSubstitute;

namespace AdminSite.Tests.Identity;

[TestFixture]
public sealed class PasswordValidatorTests
{
    private readonly UserManager<AdminUser> Users =
        Substitute.For<UserManager<AdminUser>>(Substitute.For<IUserStore<AdminUser>>(), null, null, null, null, null, null, null, null);

    private static readonly AdminUser Alice = new() { UserName = "asmith", FirstName = "Alice", LastName = "Smith", Email = "asmith@example.com" };

    [OneTimeTearDown]
    public void DisposeUsers() => Users.Dispose();

    [TestCase("password")]
    [TestCase("Password")]
    [TestCase("qwertyuiop")]
    [TestCase(" letmein ")]
    public async Task Common_passwords_are_rejected(string password) =>
        (await new CommonPasswordValidator().ValidateAsync(Users, Alice, password)).Succeeded.Should().BeFalse();

    [TestCase("Quite-Unusual-99")]
    [TestCase("correct horse battery staple 42")]
    public async Task Uncommon_passwords_pass(string password) =>
        (await new CommonPasswordValidator().ValidateAsync(Users, Alice, password)).Succeeded.Should().BeTrue();

    [TestCase("12345678901", false)]
    [TestCase("١٢٣٤٥٦٧٨٩", false)]
    [TestCase("1234567a", true)]
    public async Task Entirely_numeric_passwords_are_rejected(string password, bool valid) =>
        (await new NumericPasswordValidator().ValidateAsync(Users, Alice, password)).Succeeded.Should().Be(valid);

    [TestCase("alice.smith", "username")]
    [TestCase("smithalice", "username")]
    [TestCase("Alice123", "first name")]
    [TestCase("alice@example.co", "email address")]
    public async Task Passwords_like_the_user_are_rejected(string password, string attribute)
    {
        var result = await new UserAttributeSimilarityValidator().ValidateAsync(Users, Alice, password);

        result.Succeeded.Should().BeFalse();
        result.Errors.Single().Description.Should().Be($"The password is too similar to the {attribute}.");
    }

    [TestCase("Quite-Unusual-99")]
    [TestCase("zebra-quorum-fjord-7")]
    public async Task Unrelated_passwords_pass_the_similarity_check(string password) =>
        (await new UserAttributeSimilarityValidator().ValidateAsync(Users, Alice, password)).Succeeded.Should().BeTrue();

    [TestCase("abcd", "bcda", 1.0)]
    [TestCase("abcd", "efgh", 0.0)]
    [TestCase("ab", "abcd", 2.0 * 2 / 6)]
    public void Quick_ratio_matches_Pythons_SequenceMatcher(string a, string b, double expected) =>
        UserAttributeSimilarityValidator.QuickRatio(a, b).Should().BeApproximately(expected, 1e-9);

    [TestCase("alice", true)]
    [TestCase("zoë_李.+-@", true)]
    [TestCase("with space", false)]
    [TestCase("semi;colon", false)]
    [TestCase("<script>", false)]
    public async Task User_names_follow_Djangos_rule(string name, bool valid) =>
        (await new UnicodeUserNameValidator().ValidateAsync(Users, new AdminUser { UserName = name })).Succeeded.Should().Be(valid);

    [Test]
    public async Task User_names_are_at_most_150_characters() =>
        (await new UnicodeUserNameValidator().ValidateAsync(Users, new AdminUser { UserName = new string('a', 151) })).Errors
            .Single().Description.Should().Be("Ensure this value has at most 150 characters (it has 151).");
}
