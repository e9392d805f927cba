using BuildEngine;

partial class Build
{
    [Parameter("Run: addresses the site listens on")]
    readonly string Urls = "http://localhost:8080";

    [Parameter("Run: e-mail of the admin created on the first run")]
    readonly string? AdminEmail;

    [Parameter("Run: password of the admin created on the first run (default: generated and printed once); give it by environment or file, not on the command line (ps shows it)"), Secret]
    readonly string? AdminPassword;

    AbsolutePath DataDirectory => RootDirectory / ".data";

    Target Run => _ => _
        .Description("Runs the admin site on SQLite under .data/ (Ctrl+C stops it)")
        .Executes(async () =>
        {
            Directory.CreateDirectory(DataDirectory);
            Log.Information($"Starting the admin site on {Urls}; data in {DataDirectory.GetRelativePathFrom(RootDirectory)}/.");
            await DotNet.Run(
                ["run", "--project", AdminSiteProject, "--configuration", Configuration.ToString(), "--", "--urls", Urls],
                environment: new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["Database__Provider"] = "Sqlite",
                    ["Database__SqlitePath"] = DataDirectory / "admin-site.db",
                    ["Bootstrap__AdminEmail"] = AdminEmail,
                    ["Bootstrap__AdminPassword"] = AdminPassword,
                    ["Bootstrap__GeneratePassword"] = "true",
                });
        });
}
