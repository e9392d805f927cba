using BuildEngine;

partial class Build
{
    [Parameter("Run: addresses the site listens on")]
    readonly string Urls = "http://localhost:8080";

    [Parameter("Run: e-mail of the admin created on the first run")]
    readonly string? AdminEmail;

    [Parameter("Run: password of the admin created on the first run (default: generated and printed once); ChangePassword: the new password (default: generated and printed once). Give it by environment or file, not on the command line (ps shows it)"), Secret]
    readonly string? AdminPassword;

    AbsolutePath DataDirectory => RootDirectory / ".data";
    AbsolutePath RunDatabase => DataDirectory / "admin-site.db";

    Target Run => _ => _
        .Description("Runs the admin site on SQLite under .data/ (Ctrl+C stops it)")
        .Executes(async () =>
        {
            Directory.CreateDirectory(DataDirectory);
            if (AdminPassword is not null && File.Exists(RunDatabase))
                Log.Warning($"--admin-password only sets the password of the admin created on the first run, and {RunDatabase.GetRelativePathFrom(RootDirectory)} exists: " +
                            "it is not used. To change a password: ./build.sh ChangePassword [--user-name <name>].");
            await BuildSite();
            Log.Information($"Starting the admin site on {Urls}; data in {DataDirectory.GetRelativePathFrom(RootDirectory)}/.");
            await DotNet.Serve(
                ["run", "--project", AdminSiteProject, "--configuration", Configuration.ToString(), "--no-build", "--", "--urls", Urls],
                SiteEnvironment(new()
                {
                    ["Bootstrap__AdminEmail"] = AdminEmail,
                    ["Bootstrap__AdminPassword"] = AdminPassword,
                    ["Bootstrap__GeneratePassword"] = "true",
                }));
        });

    /// <summary>
    /// Compiles the site in a step of its own: <c>dotnet run</c> would compile it silently, and a first run (restore,
    /// compile) looks hung for a minute.
    /// </summary>
    async Task BuildSite()
    {
        Log.Information($"Compiling the admin site ({Configuration}); the first time restores its packages too...");
        await DotNet.Build(AdminSiteProject, Configuration.ToString(), restore: true);
    }

    /// <summary>The settings Run's site starts with, plus <paramref name="extra"/>: the SQLite database under .data/.</summary>
    Dictionary<string, string?> SiteEnvironment(Dictionary<string, string?> extra) =>
        new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["Database__SqlitePath"] = RunDatabase,
        }.Concat(extra).ToDictionary();
}
