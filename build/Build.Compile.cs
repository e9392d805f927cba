using BuildEngine;
using Tools;

partial class Build
{
    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders of source/ and tests/")
        .Before(Restore)
        .Executes(() =>
        {
            // build/ stays: its binaries are running this very target.
            var folders = new[] { SourceDirectory, TestsDirectory }
                .Where(root => root.DirectoryExists())
                .SelectMany(root => Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
                .Where(folder => Path.GetFileName(folder) is "bin" or "obj")
                .Append(ArtifactsDirectory.Value)
                .Where(Directory.Exists)
                .ToList();
            foreach (var folder in folders)
                Directory.Delete(folder, recursive: true);
            Log.Information($"Deleted {folders.Count} folders.");
        });

    Target Restore => _ => _
        .Description("Restores the NuGet packages of the solution")
        .Executes(() => DotNet.Restore(Solution));

    Target Compile => _ => _
        .Description("Builds the solution (warnings are errors)")
        .DependsOn(Restore)
        .Executes(async () =>
        {
            await DotNet.Build(Solution, Configuration.ToString());
            // The version MinVer compiled into the site (version+commit): which build the tests ran against.
            var output = SourceDirectory / "AdminSite" / "bin" / Configuration.ToString();
            var site = Directory.Exists(output) ? Directory.EnumerateFiles(output, "AdminSite.dll", SearchOption.AllDirectories).FirstOrDefault() : null;
            if (site is not null && SiteVersion.Of(site) is { } version)
                ReportSummary("Version", version);
        });
}
