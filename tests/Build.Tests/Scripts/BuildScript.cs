using System.Diagnostics;
using BuildEngine;

namespace BuildTests.Scripts;

/// <summary>Runs build.sh or build.ps1 of a scratch repository with a given environment.</summary>
internal static class BuildScript
{
    /// <summary>The dotnet running these tests (dotnet test sets DOTNET_HOST_PATH), not whatever PATH finds.</summary>
    public static string RealDotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;

    public static (int ExitCode, string Output) Run(string script, AbsolutePath root, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // build.ps1 runs in the PowerShell the repository pins, started by the real dotnet whatever PATH says.
        var start = script == "build.sh"
            ? new ProcessStartInfo(root / script)
            : new ProcessStartInfo(RealDotNet) { ArgumentList = { "tool", "run", "pwsh", "--", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", root / script } };
        start.WorkingDirectory = script == "build.sh" ? root : AbsolutePath.Create(RepositoryRoot.Path);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        output.Should().NotContain("dotnet tool restore", "pwsh comes from dotnet-tools.json: run ./build.sh Prerequisites");
        return (process.ExitCode, output);
    }

    /// <summary>A folder of links to just the given tools: a PATH without dotnet.</summary>
    public static AbsolutePath ToolFolder(AbsolutePath folder, params string[] tools)
    {
        Directory.CreateDirectory(folder);
        foreach (var tool in tools)
        {
            var found = new[] { "/usr/bin/", "/bin/", "/usr/local/bin/" }.Select(directory => directory + tool).First(File.Exists);
            File.CreateSymbolicLink(folder / tool, found);
        }
        return folder;
    }
}
