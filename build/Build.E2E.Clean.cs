using BuildEngine;
using E2E;
using Tools;

partial class Build
{
    Target CleanE2E => _ => _
        .Description("Deletes what E2E keeps between runs in .nuke/temp/e2e (Docker data, cached stand-in images, workspaces)")
        .Requires(() => UnixUser.IsRoot, "root: E2E's Docker data belongs to root")
        .Executes(async () =>
        {
            if (!E2EDirectory.DirectoryExists())
            {
                Log.Information($"{E2EDirectory.GetRelativePathFrom(RootDirectory)} does not exist: nothing to delete.");
                return;
            }
            var size = DiskUsage.Of(E2EDirectory);
            // A Docker engine that died uncleanly leaves mounts below its data that would make the folders undeletable.
            await Mounts.Release(Runner, E2EDirectory, CancellationToken.None);
            Directory.Delete(E2EDirectory, recursive: true);
            Log.Information($"Deleted {E2EDirectory.GetRelativePathFrom(RootDirectory)} ({DiskUsage.Format(size)}).");
        });

    /// <summary>Said at the end of every E2E run: where its disk went, and how to get it back.</summary>
    void ReportE2EDiskUsage()
    {
        if (E2EDirectory.DirectoryExists())
            Log.Information($"E2E keeps {DiskUsage.Format(DiskUsage.Of(E2EDirectory))} in {E2EDirectory.GetRelativePathFrom(RootDirectory)} " +
                            "for the next run (cached images, Docker data); ./build.sh CleanE2E deletes it.");
    }
}
