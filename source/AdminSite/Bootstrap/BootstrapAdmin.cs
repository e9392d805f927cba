using System.Security.Cryptography;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminSite.Bootstrap;

/// <summary>Creates the first superuser so a fresh install can be signed in to.</summary>
public sealed partial class BootstrapAdmin(
    UserManager<AdminUser> users,
    IOptions<BootstrapOptions> options,
    ILogger<BootstrapAdmin> logger,
    TextWriter? console = null)
{
    private readonly TextWriter _console = console ?? Console.Out;

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var settings = options.Value;
        var password = settings.ResolvePassword();
        var generated = false;
        if (string.IsNullOrEmpty(password))
        {
            if (!settings.GeneratePassword)
            {
                LogNoPassword(logger);
                return;
            }

            password = GeneratePassword();
            generated = true;
        }

        var user = NewSuperuser(settings.AdminUserName, settings.AdminEmail);
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException) when (!string.IsNullOrEmpty(settings.AdminUserName))
        {
            // Another replica won the race to create it; anything else is a real failure.
            if (await users.Users.AnyAsync(cancellationToken))
            {
                return;
            }

            throw;
        }

        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            // Another replica created it between our check and our insert (Identity noticed before the database did).
            return;
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Cannot create the bootstrap superuser '{settings.AdminUserName}': " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        LogCreated(logger, user.UserName!);
        if (generated)
        {
            PrintBanner(user.UserName!, password);
        }
    }

    public static AdminUser NewSuperuser(string userName, string? email) => new()
    {
        UserName = userName,
        Email = string.IsNullOrWhiteSpace(email) ? null : email,
        IsActive = true,
        IsStaff = true,
        IsSuperuser = true,
        DateJoined = DateTime.UtcNow,
    };

    /// <summary>24 characters from a URL-safe alphabet: about 143 bits, and easy to copy from a terminal.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_", 24);

    // Written straight to the console, not the log pipeline: a password must not end up in a log store.
    private void PrintBanner(string userName, string password)
    {
        var rule = new string('=', 72);
        _console.WriteLine();
        _console.WriteLine(rule);
        _console.WriteLine("  Admin site: created the superuser");
        _console.WriteLine($"    user name: {userName}");
        _console.WriteLine($"    password:  {password}");
        _console.WriteLine("  This password is shown only this once. Sign in and change it.");
        _console.WriteLine(rule);
        _console.WriteLine();
        _console.Flush();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap superuser '{UserName}'.")]
    private static partial void LogCreated(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "There are no users and no bootstrap password is configured, so nobody can sign in. " +
        "Create a superuser with `AdminSite createsuperuser` (or `createsuperuser --no-input` with Bootstrap__AdminPassword set), " +
        "or set Bootstrap__AdminPassword (or Bootstrap__AdminPasswordFile) or Bootstrap__GeneratePassword=true and restart.")]
    private static partial void LogNoPassword(ILogger logger);
}
