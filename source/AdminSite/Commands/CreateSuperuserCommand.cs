using System.ComponentModel.DataAnnotations;
using AdminSite.Bootstrap;
using AdminSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminSite.Commands;

/// <summary>
/// <c>createsuperuser [--username NAME] [--email EMAIL] [--no-input]</c>, as Django's. With
/// <c>--no-input</c> everything comes from the <c>Bootstrap</c> section (environment or Secret).
/// </summary>
public sealed class CreateSuperuserCommand(IServiceProvider services, IOptions<BootstrapOptions> bootstrap, ICommandConsole console)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (userName, email, noInput) = Parse(args);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();

        var user = noInput
            ? await CreateWithoutInputAsync(users, userName, email)
            : await CreateInteractivelyAsync(users, userName, email);
        console.WriteLine($"Superuser '{user.UserName}' created successfully.");
        return AdminCommands.Success;
    }

    private static (string? UserName, string? Email, bool NoInput) Parse(string[] args)
    {
        string? userName = null, email = null;
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
                default:
                    throw new CommandException(
                        $"Unexpected argument '{args[i]}'. Usage: createsuperuser [--username NAME] [--email EMAIL] [--no-input]",
                        AdminCommands.UsageError);
            }
        }

        return (userName, email, noInput);
    }

    private async Task<AdminUser> CreateWithoutInputAsync(UserManager<AdminUser> users, string? userName, string? email)
    {
        var settings = bootstrap.Value;
        userName ??= settings.AdminUserName;
        email ??= settings.AdminEmail;
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new CommandException("--no-input needs a user name: pass --username or set Bootstrap:AdminUserName (environment variable Bootstrap__AdminUserName).");
        }

        if (string.IsNullOrEmpty(settings.AdminPassword))
        {
            throw new CommandException("--no-input needs a password: set Bootstrap:AdminPassword (environment variable Bootstrap__AdminPassword).");
        }

        if (!string.IsNullOrWhiteSpace(email) && !new EmailAddressAttribute().IsValid(email))
        {
            throw new CommandException($"'{email}' is not a valid email address (Bootstrap:AdminEmail / --email).");
        }

        var user = BootstrapAdmin.NewSuperuser(userName, email);
        var result = await users.CreateAsync(user, settings.AdminPassword);
        return result.Succeeded
            ? user
            : throw new CommandException($"Cannot create superuser '{userName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    private async Task<AdminUser> CreateInteractivelyAsync(UserManager<AdminUser> users, string? userName, string? email)
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
