using System.Security.Cryptography;
using BuildEngine;

partial class Build
{
    // Not USERNAME or USER_NAME: the shell's own login name (USERNAME on Windows) must not pick the account.
    [Parameter("ChangePassword: whose password to set", EnvironmentVariable = "CHANGE_PASSWORD_USER_NAME")]
    readonly string UserName = "admin";

    Target ChangePassword => _ => _
        .Description("Sets a user's password in Run's database (.data/): --admin-password-file, ADMIN_PASSWORD, or a generated one printed once")
        .Requires(() => File.Exists(RunDatabase), "there is no database under .data/ yet: ./build.sh Run creates it")
        .Executes(async () =>
        {
            await BuildSite();
            var password = AdminPassword ?? GeneratedPassword();
            // The site reads it from a file only it can read, never from an argument (ps shows arguments).
            var file = TemporaryDirectory / $"new-password-{Guid.NewGuid():N}";
            Directory.CreateDirectory(TemporaryDirectory);
            File.WriteAllText(file, password, new System.Text.UTF8Encoding(false));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                await DotNet.Run(
                    ["run", "--project", AdminSiteProject, "--configuration", Configuration.ToString(), "--no-build", "--",
                        "changepassword", UserName, "--password-file", file],
                    environment: SiteEnvironment([]));
            }
            finally
            {
                File.Delete(file);
            }
            if (AdminPassword is null)
                Log.Success($"The new password of '{UserName}', shown only this once: {password}");
        });

    static string GeneratedPassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
