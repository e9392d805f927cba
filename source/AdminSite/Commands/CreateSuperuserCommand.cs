using System.ComponentModel.DataAnnotations;
using AdminSite.Bootstrap;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Commands;

/// <summary>
/// <c>createsuperuser [--username NAME] [--email EMAIL] [--no-input] [--password-file PATH]</c>, as Django's. With
/// <c>--no-input</c> everything else comes from the <c>Bootstrap</c> section (environment or Secret). The password
/// is never an argument (<c>ps</c> would show it): it is typed, or read from a file or the environment.
/// </summary>
public sealed class CreateSuperuserCommand(IServiceProvider services, IOptions<BootstrapOptions> bootstrap, ICommandConsole console)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (userName, email, noInput, passwordFile) = Parse(args);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();

        var password = passwordFile is null ? null : ReadPasswordFile(passwordFile);
        var user = noInput
            ? await CreateWithoutInputAsync(users, userName, email, password)
            : await CreateInteractivelyAsync(users, userName, email, password);
        console.WriteLine($"Superuser '{user.UserName}' created successfully.");
        return AdminCommands.Success;
    }

    private static string ReadPasswordFile(string path)
    {
        try
        {
            return PasswordFile.Read(path, "--password-file");
        }
        catch (PasswordFileException e)
        {
            throw new CommandException(e.Message);
        }
    }

    private static (string? UserName, string? Email, bool NoInput, string? PasswordFile) Parse(string[] args)
    {
        string? userName = null, email = null, passwordFile = null;
        var noInput = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--no-input" or "--noinput":
                    noInput = true;
                    break;
                case "--username" when i + 1 < args.Length:
                    userName = args[++i];
                    break;
                case "--email" when i + 1 < args.Length:
                    email = args[++i];
                    break;
                case "--password-file" when i + 1 < args.Length:
                    passwordFile = args[++i];
                    break;
                default:
                    throw new CommandException(
                        $"Unexpected argument '{args[i]}'. Usage: createsuperuser [--username NAME] [--email EMAIL] [--no-input] [--password-file PATH]",
                        AdminCommands.UsageError);
            }
        }

        return (userName, email, noInput, passwordFile);
    }

    private async Task<AdminUser> CreateWithoutInputAsync(UserManager<AdminUser> users, string? userName, string? email, string? password)
    {
        var settings = bootstrap.Value;
        try
        {
            password ??= settings.ResolvePassword();
        }
        catch (PasswordFileException e)
        {
            throw new CommandException(e.Message);
        }

        userName ??= settings.AdminUserName;
        email ??= settings.AdminEmail;
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new CommandException("--no-input needs a user name: pass --username or set Bootstrap:AdminUserName (environment variable Bootstrap__AdminUserName).");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new CommandException(
                "--no-input needs a password: pass --password-file, or set Bootstrap:AdminPassword or Bootstrap:AdminPasswordFile " +
                "(environment variables Bootstrap__AdminPassword, Bootstrap__AdminPasswordFile).");
        }

        if (!string.IsNullOrWhiteSpace(email) && !new EmailAddressAttribute().IsValid(email))
        {
            throw new CommandException($"'{email}' is not a valid email address (Bootstrap:AdminEmail / --email).");
        }

        var user = BootstrapAdmin.NewSuperuser(userName, email);
        var result = await users.CreateAsync(user, password);
        return result.Succeeded
            ? user
            : throw new CommandException($"Cannot create superuser '{userName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    private async Task<AdminUser> CreateInteractivelyAsync(UserManager<AdminUser> users, string? userName, string? email, string? passwordFromFile)
    {
        var validator = new UnicodeUserNameValidator();
        while (userName is null)
        {
            var suggested = bootstrap.Value.AdminUserName;
            console.Write($"Username (leave blank to use '{suggested}'): ");
            var typed = Read(console.ReadLine());
            var candidate = typed.Length == 0 ? suggested : typed;
            var check = await validator.ValidateAsync(users, new AdminUser { UserName = candidate });
            if (!check.Succeeded)
            {
                console.WriteError($"Error: {check.Errors.First().Description}");
            }
            else if (await users.FindByNameAsync(candidate) is not null)
            {
                console.WriteError("Error: That username is already taken.");
            }
            else
            {
                userName = candidate;
            }
        }

        while (email is null)
        {
            console.Write("Email address: ");
            var typed = Read(console.ReadLine());
            if (typed.Length == 0 || new EmailAddressAttribute().IsValid(typed))
            {
                email = typed;
            }
            else
            {
                console.WriteError("Error: Enter a valid email address.");
            }
        }

        if (passwordFromFile is not null)
        {
            var user = BootstrapAdmin.NewSuperuser(userName, email);
            var result = await users.CreateAsync(user, passwordFromFile);
            return result.Succeeded
                ? user
                : throw new CommandException($"Cannot create superuser '{userName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        while (true)
        {
            console.Write("Password: ");
            var password = Read(console.ReadSecret(), trim: false);
            console.Write("Password (again): ");
            var again = Read(console.ReadSecret(), trim: false);
            if (password != again)
            {
                console.WriteError("Error: Your passwords didn't match.");
                continue;
            }

            if (password.Length == 0)
            {
                console.WriteError("Error: Blank passwords aren't allowed.");
                continue;
            }

            var user = BootstrapAdmin.NewSuperuser(userName, email);
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded)
            {
                return user;
            }

            foreach (var error in result.Errors)
            {
                console.WriteError($"Error: {error.Description}");
            }
        }
    }

    private static string Read(string? line, bool trim = true) =>
        line is null
            ? throw new CommandException("Input ended before the superuser was complete; nothing was created.")
            : trim ? line.Trim() : line;
}
