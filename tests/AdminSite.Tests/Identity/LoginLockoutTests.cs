using System.Data.Common;
using System.Net;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Identity;

/// <summary>
/// One lockout for every name, real or not, in both login steps: the same count, the same expiry, the same
/// answer when the count cannot be written, and a store no client can grow without limit.
/// </summary>
[TestFixture]
public sealed class LoginLockoutTests : SiteFixture
{
    private readonly FullDisk _disk = new();

    // The full disk's failures are expected here: EF's and the exception handler's error lines would be noise.
    protected override AdminSiteFactory CreateSite() => new(
        new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
        },
        configure: host => host.ConfigureServices(services => services.ConfigureDbContext<SqliteAdminDbContext>(options => options.AddInterceptors(_disk), AdminDbContextOptions.Lifetime)));

    [TearDown]
    public void EmptyTheDiskAgain() => _disk.Full = false;

    [Test]
    public async Task Counts_of_real_and_unknown_names_expire_alike()
    {
        await Site.CreateUserAsync(new("counted.real"));
        using var client = Site.CreateSiteClient();
        await FailAsync(client, "counted.real", 4);
        await FailAsync(client, "counted.ghost", 4);

        // A day and an hour later, as far as the stored counts can tell.
        await Site.WithDbAsync(db => db.LoginFailures.ExecuteUpdateAsync(set => set.SetProperty(f => f.LastFailure, f => f.LastFailure.AddHours(-25))));

        (await OutcomeAsync(client, "counted.real")).Should().Be("form", "a day-old count is forgotten for a real account");
        (await OutcomeAsync(client, "counted.ghost")).Should().Be("form", "as it is for an unknown name");
    }

    [Test]
    public async Task A_full_disk_answers_real_and_unknown_names_alike()
    {
        await Site.CreateUserAsync(new("full.disk.real"));
        using var client = Site.CreateSiteClient();
        await client.TokenAsync(SiteClient.LoginPath);

        _disk.Full = true;
        using var real = await client.TryLogInAsync("full.disk.real", "wrong-password");
        using var unknown = await client.TryLogInAsync("full.disk.ghost", "wrong-password");

        unknown.StatusCode.Should().Be(real.StatusCode, "the answer must not tell which names exist");
        Html.Text(await unknown.Content.ReadAsStringAsync()).Should().Contain(real.StatusCode == HttpStatusCode.OK
            ? LoginPageError
            : "Server Error (500)");
        real.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "a failure that cannot be counted is not let through uncounted");
    }

    [Test]
    public async Task Wrong_recovery_codes_count_towards_the_lockout()
    {
        await Site.CreateUserAsync(new("recovery.guesser"));
        await Site.EnrolAsync("recovery.guesser");
        using var client = Site.CreateSiteClient();
        var step = SiteClient.RedirectPath(await client.TryLogInAsync("recovery.guesser", TestData.Password));

        var outcomes = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var guess = await client.PostFormAsync(step, new() { ["Input.Code"] = $"AAAA{attempt}-BBBBB" });
            outcomes.Add(guess.StatusCode == HttpStatusCode.OK ? "form" : SiteClient.RedirectPath(guess));
        }

        outcomes.Should().Equal("form", "form", "form", "form", "/Identity/Account/Lockout");
    }

    [Test]
    public async Task The_right_password_does_not_reset_the_count_of_wrong_codes()
    {
        await Site.CreateUserAsync(new("code.resetter"));
        var key = await Site.EnrolAsync("code.resetter");
        using var client = Site.CreateSiteClient();
        var step = SiteClient.RedirectPath(await client.TryLogInAsync("code.resetter", TestData.Password));
        for (var attempt = 0; attempt < 4; attempt++)
        {
            (await client.PostFormAsync(step, new() { ["Input.Code"] = Authenticator.WrongCode(key) })).Dispose();
        }

        step = SiteClient.RedirectPath(await client.TryLogInAsync("code.resetter", TestData.Password));
        using var fifth = await client.PostFormAsync(step, new() { ["Input.Code"] = Authenticator.WrongCode(key) });

        SiteClient.RedirectPath(fifth).Should().Be("/Identity/Account/Lockout", "the password again must not buy four more guesses");
    }

    [Test]
    public async Task A_locked_out_account_is_not_signed_in_by_a_recovery_code()
    {
        await Site.CreateUserAsync(new("locked.recovery"));
        var key = await Site.EnrolAsync("locked.recovery");
        var codes = await RecoveryCodesAsync("locked.recovery");
        using var client = Site.CreateSiteClient();
        var step = SiteClient.RedirectPath(await client.TryLogInAsync("locked.recovery", TestData.Password));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await client.PostFormAsync(step, new() { ["Input.Code"] = Authenticator.WrongCode(key) })).Dispose();
        }

        using var recovered = await client.PostFormAsync(step, new() { ["Input.Code"] = codes[0] }, tokenFrom: SiteClient.LoginPath);

        SiteClient.RedirectPath(recovered).Should().Be("/Identity/Account/Lockout");
        (await client.GetAsync("/admin/")).StatusCode.Should().Be(HttpStatusCode.Redirect, "nobody is signed in");
    }

    [Test]
    public async Task The_store_of_failures_stays_within_its_buckets_however_many_names_are_tried()
    {
        // Few buckets, so a few hundred names show the bound (a million is the default).
        await using var site = new AdminSiteFactory(new Dictionary<string, string?> { ["Security:Lockout:NameBuckets"] = "64" });
        using var client = site.CreateSiteClient();
        for (var name = 0; name < 200; name++)
        {
            (await client.TryLogInAsync($"sprayed.{name}", "guess")).Dispose();
        }

        (await site.WithDbAsync(db => db.LoginFailures.CountAsync())).Should().BeLessThanOrEqualTo(64);
    }

    private const string LoginPageError = "Please enter the correct username and password for a staff account.";

    private static async Task FailAsync(SiteClient client, string userName, int times)
    {
        for (var attempt = 0; attempt < times; attempt++)
        {
            (await OutcomeAsync(client, userName)).Should().Be("form");
        }
    }

    private static async Task<string> OutcomeAsync(SiteClient client, string userName)
    {
        using var response = await client.TryLogInAsync(userName, "not-the-password");
        return response.StatusCode == HttpStatusCode.OK
            ? Html.Text(await response.Content.ReadAsStringAsync()).Contains(LoginPageError, StringComparison.Ordinal) ? "form" : "other"
            : SiteClient.RedirectPath(response);
    }

    private async Task<List<string>> RecoveryCodesAsync(string userName)
    {
        await using var scope = Site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByNameAsync(userName))!, 10))!.ToList();
    }

    /// <summary>SQLite on a full volume: a write that needs room fails (SQLITE_FULL); reading, and deleting nothing, still work.</summary>
    private sealed class FullDisk : DbCommandInterceptor
    {
        public volatile bool Full;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (Full && (sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
            }
        }
    }
}
