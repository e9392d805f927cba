namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// A fixture whose tests share one site, so that a site is started and its database migrated once per
/// fixture, not once per test; each test therefore makes its own users and groups, under names of its own.
/// </summary>
/// <remarks>
/// NUnit runs this one-time set-up before a derived fixture's own and this tear-down after it, so a fixture
/// may seed <see cref="Site"/> in its set-up and dispose of its clients in its tear-down.
/// </remarks>
public abstract class SiteFixture
{
    protected AdminSiteFactory Site { get; private set; } = null!;

    /// <summary>The site the fixture's tests share; a fixture that needs other settings overrides it.</summary>
    protected virtual AdminSiteFactory CreateSite() => new();

    [OneTimeSetUp]
    public void CreateSharedSite() => Site = CreateSite();

    [OneTimeTearDown]
    public async Task DisposeSharedSiteAsync()
    {
        // Null when creating it failed: NUnit tears down after a failed set-up too.
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
    }

    /// <summary>A new user (see <see cref="TestData.UserSpec"/>), and a client signed in as them.</summary>
    protected async Task<SiteClient> SignedInAsNewAsync(TestData.UserSpec user)
    {
        await Site.CreateUserAsync(user);
        return await Site.SignedInAsync(user.UserName, user.Password ?? throw new ArgumentException("A user without a password cannot sign in.", nameof(user)));
    }
}
