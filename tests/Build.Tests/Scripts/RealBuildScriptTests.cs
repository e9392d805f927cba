using System.Diagnostics;
using System.Runtime.Versioning;
using BuildEngine;

namespace BuildTests.Scripts;

/// <summary>
/// The repository's own ./build.sh, as a person types it, against a throwaway root: a bad input stops it with exit
/// code 2 before any target runs. Recording stand-ins for docker, helm, git and npm first on PATH prove that no tool
/// was started; the missing summary table proves that no target was.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RealBuildScriptTests
{
    private const string RecordingTool = """
        #!/bin/sh
        echo "$(basename "$0") $*" >> "$TOOL_LOG"
        """;

    private AbsolutePath _root = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = AbsolutePath.Create(Directory.CreateTempSubdirectory("real-build-script-").FullName);
        Directory.CreateDirectory(_root / ".nuke");
        Directory.CreateDirectory(_root / "bin");
        foreach (var tool in new[] { "docker", "helm", "git", "npm" })
        {
            File.WriteAllText(_root / "bin" / tool, RecordingTool.ReplaceLineEndings("\n"));
            File.SetUnixFileMode(_root / "bin" / tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void A_digest_that_is_not_hex_stops_the_deploy_with_exit_code_2_before_anything_runs()
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "build.sh"))
        {
            ArgumentList = { "Deploy", "--branch", "develop", "--image-digest", "sha256:nothex", "--registry", "reg.example.com", "--kube-context", "prod", "--root", _root },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{_root / "bin"}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["TOOL_LOG"] = _root / "tools.log";
        // A run on this CI server must not read the stale-file check of a server build into the result.
        start.Environment.Remove("JENKINS_URL");
        start.Environment.Remove("CI");

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
        // A guard against a hang, not a measurement: the plan alone runs the tests, an image build and a push.
        process.WaitForExit(TimeSpan.FromMinutes(3)).Should().BeTrue(output);
        TestContext.Out.WriteLine($"./build.sh stopped after {stopwatch.Elapsed.TotalSeconds:0.0} s:\n{output}");

        process.ExitCode.Should().Be(ExitCodes.NotStarted, output);
        output.Should().Contain("--image-digest 'sha256:nothex' must be sha256: followed by 64 lowercase hex digits (given on the command line).");
        output.Should().NotContain("Build succeeded").And.NotContain("Build failed").And.NotContain("Duration", "no target ran, so there is no summary");
        File.Exists(_root / "tools.log").Should().BeFalse(File.Exists(_root / "tools.log") ? File.ReadAllText(_root / "tools.log") : "");
        Directory.Exists(_root / "artifacts").Should().BeFalse();
    }
}
