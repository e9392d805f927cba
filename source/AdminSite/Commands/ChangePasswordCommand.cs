using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;

namespace AdminSite.Commands;

/// <summary><c>changepassword USERNAME</c>: set a user's password interactively (three tries, as Django).</summary>
public sealed class ChangePasswordCommand(IServiceProvider services, ICommandConsole console)
{
    private const int MaxTries = 3;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            throw new CommandException("Usage: changepassword <username>", AdminCommands.UsageError);
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = await users.FindByNameAsync(args[0])
            ?? throw new CommandException($"User '{args[0]}' does not exist.");

        console.WriteLine($"Changing password for user '{user.UserName}'");
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

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, password);
            if (result.Succeeded)
            {
                console.WriteLine($"Password changed successfully for user '{user.UserName}'.");
                return AdminCommands.Success;
            }

            foreach (var error in result.Errors)
            {
                console.WriteError(error.Description);
            }
        }

        throw new CommandException($"Aborting password change for user '{user.UserName}' after {MaxTries} attempts.");
    }
}
