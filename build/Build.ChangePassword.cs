using BuildEngine;

partial class Build
{
    // Not USERNAME or USER_NAME: the shell's own login name (USERNAME on Windows) must not pick the account.
    [Parameter("ChangePassword: whose password to set", EnvironmentVariable = "CHANGE_PASSWORD_USER_NAME")]
    readonly string UserName = "admin";

    Target ChangePassword => _ => _
        .Description("Sets a user's password in Run's database (.data/): --admin-password-file, ADMIN_PASSWORD, or one the site generates and prints once")
        .Requires(() => File.Exists(RunDatabase), "there is no database under .data/ yet: ./build.sh Run creates it")
        .Executes(async () =>
        {
            await BuildSite();
            if (AdminPassword is null)
            {
                await ChangePasswordWith(["--generate"]);
                return;
            }

            // The site reads the password from a file only its owner can read, never from an argument (ps shows arguments).
            var file = TemporaryDirectory / $"new-password-{Guid.NewGuid():N}";
            Directory.CreateDirectory(TemporaryDirectory);
            File.WriteAllText(file, AdminPassword, new System.Text.UTF8Encoding(false));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                await ChangePasswordWith(["--password-file", file]);
            }
            finally
            {
                File.Delete(file);
            }
        });

    Task ChangePasswordWith(IReadOnlyList<string> source) => DotNet.Run(
        ["run", "--project", AdminSiteProject, "--configuration", Configuration.ToString(), "--no-build", "--", "changepassword", UserName, .. source],
        environment: SiteEnvironment([]));
}
