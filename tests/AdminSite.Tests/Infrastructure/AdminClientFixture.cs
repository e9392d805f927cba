namespace AdminSite.Tests.Infrastructure;

/// <summary>A <see cref="SiteFixture"/> whose tests act as the bootstrap superuser, through one client signed in once.</summary>
public abstract class AdminClientFixture : SiteFixture
{
    protected SiteClient Admin { get; private set; } = null!;

    // Runs after the site is created and before the derived fixture's own set-up, which may use the client.
    [OneTimeSetUp]
    public async Task SignInAdminAsync() => Admin = await Site.SignedInAdminAsync();

    [OneTimeTearDown]
    public void DisposeAdmin() => Admin?.Dispose();
}
