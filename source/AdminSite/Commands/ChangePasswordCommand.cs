using AdminSite.Bootstrap;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Commands;

/// <summary>
/// <c>changepassword USERNAME [--password-file PATH | --generate]</c>: set a user's password interactively (three
/// tries, as Django), from a file for scripts (never from an argument, which <c>ps</c> would show), or generated as the
/// bootstrap's and printed once (<c>./build.sh ChangePassword</c> for a forgotten password).
/// </summary>
public sealed class ChangePasswordCommand(IServiceProvider services, ICommandConsole console)
{
    private const int MaxTries = 3;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var fromFile = args.Length == 3 && args[1] == "--password-file";
        var generate = args.Length == 2 && args[1] == "--generate";
        if (!(args.Length == 1 || fromFile || generate) || args[0].StartsWith('-'))
        {
            throw new CommandException("Usage: changepassword <username> [--password-file PATH | --generate]", AdminCommands.UsageError);
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = await users.FindByNameAsync(args[0])
            ?? throw new CommandException($"User '{args[0]}' does not exist.");

        console.WriteLine($"Changing password for user '{user.UserName}'");
        if (generate)
        {
            var generated = BootstrapAdmin.GeneratePassword();
            var refused = await SetAsync(users, user, generated);
            if (refused.Count > 0)
            {
                throw new CommandException($"The password was not changed: {string.Join(" ", refused)}");
            }

            // To the console, not the log pipeline, as the bootstrap's banner: a password must not reach a log store.
            console.WriteLine($"The new password of '{user.UserName}', shown only this once: {generated}");
            return Changed(user);
        }

        if (fromFile)
        {
            string password;
            try
            {
                password = PasswordFile.Read(args[2], "--password-file");
            }
            catch (PasswordFileException e)
            {
                throw new CommandException(e.Message);
            }

            var errors = await SetAsync(users, user, password);
            return errors.Count == 0
                ? Changed(user)
                : throw new CommandException($"The password was not changed: {string.Join(" ", errors)}");
        }

        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            console.Write("Password: ");
            var password = console.ReadSecret() ?? throw new CommandException("Input ended; the password was not changed.");
            console.Write("Password (again): ");
            var again = console.ReadSecret() ?? throw new CommandException("Input ended; the password was not changed.");
            if (password != again)
            {
                console.WriteError("Passwords do not match. Please try again.");
                continue;
            }

            var errors = await SetAsync(users, user, password);
            if (errors.Count == 0)
            {
                return Changed(user);
            }

            errors.ForEach(console.WriteError);
        }

        throw new CommandException($"Aborting password change for user '{user.UserName}' after {MaxTries} attempts.");
    }

    private static async Task<List<string>> SetAsync(UserManager<AdminUser> users, AdminUser user, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        return result.Errors.Select(e => e.Description).ToList();
    }

    private int Changed(AdminUser user)
    {
        console.WriteLine($"Password changed successfully for user '{user.UserName}'.");
        return AdminCommands.Success;
    }
}
