using BuildEngine;
using NSubstitute;
using Tools;

namespace BuildTests;

/// <summary>
/// The real build in a throwaway repository root, with every process replaced by an NSubstitute runner that
/// answers like the real tools would, so tests assert the exact command lines the targets run.
/// </summary>
public abstract class RealBuildFixture
{
    protected const string Sha = "0123456789abcdef0123456789abcdef01234567";
    protected const string Digest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
    /// <summary>What MinVer answers (through <c>dotnet msbuild -getProperty</c>).</summary>
    protected const string Version = "1.4.0-alpha.0.2";

    protected TestBuildHost Host { get; private set; } = null!;
    private protected IProcessRunner Runner { get; private set; } = null!;
    protected AbsolutePath ToolsDirectory => Host.Root / "fake-tools";

    /// <summary>What each tool answers; tests override entries.</summary>
    private protected Dictionary<string, Func<ToolCommand, ToolResult>> Answers { get; } = [];

    [SetUp]
    public void SetUpBuild()
    {
        // NUnit reuses one fixture instance for all its tests: start every test from the default answers.
        Answers.Clear();
        Host = new TestBuildHost();
        Directory.CreateDirectory(ToolsDirectory);
        Host.Environment["PATH"] = ToolsDirectory;
        Host.Environment["DOCKER_CONFIG"] = Host.Root / "docker-config";
        Runner = Substitute.For<IProcessRunner>();
        Runner.RunAsync(Arg.Any<ToolCommand>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult(Answer(call.Arg<ToolCommand>())));
        Answers["git rev-parse"] = _ => Ok(Sha + "\n");
        Answers["git config"] = _ => Ok("https://git.example.com/team/admin-site.git\n");
        Answers["dotnet msbuild"] = _ => Ok(Version + "\n");
    }

    [TearDown]
    public void TearDownBuild() => Host.Dispose();

    private protected Build NewBuild() => new() { Runner = Runner };

    protected int Run(params string[] args) => Host.RunWithDefaults(NewBuild(), ["Test"], args);

    /// <summary>Puts an executable with that name on the build's PATH.</summary>
    protected void InstallFakeTool(string name) => File.WriteAllText(ToolsDirectory / name, "#!/bin/sh\n");

    /// <summary>
    /// What Prerequisites looks for: helm on PATH, the pinned helms it installs for the tests, and Chromium (pass
    /// --chromium-path <c>ToolsDirectory / "chromium"</c>).
    /// </summary>
    protected void InstallPrerequisites()
    {
        InstallFakeTool("helm");
        InstallFakeTool("chromium");
        foreach (var pinned in PinnedHelm.All)
        {
            Directory.CreateDirectory(PinnedHelmPath(pinned).Parent);
            File.WriteAllText(PinnedHelmPath(pinned), "#!/bin/sh\n");
        }
        Answers["helm version"] = _ => Ok("v4.1.4");
    }

    protected AbsolutePath PinnedHelmPath(PinnedHelm pinned) => pinned.InstalledPath(Host.Root / ".nuke" / "temp" / "tools");

    private protected static ToolResult Ok(string output = "") => new(0, output, "");

    private protected IReadOnlyList<ToolCommand> Commands(string executableOrSubcommand) =>
        Runner.ReceivedCalls()
            .Select(call => (ToolCommand)call.GetArguments()[0]!)
            .Where(command => Path.GetFileName(command.Executable) == executableOrSubcommand ||
                              $"{Path.GetFileName(command.Executable)} {command.Arguments.FirstOrDefault()}" == executableOrSubcommand)
            .ToList();

    /// <summary>The validation phase's promise: no tool process started (no git, dotnet, docker, helm or npm).</summary>
    private protected void NoProcessStarted() =>
        Runner.ReceivedCalls().Should().BeEmpty("every input is checked before the first target starts");

    private protected ToolCommand Single(string executableAndSubcommand) => Commands(executableAndSubcommand).Should().ContainSingle().Subject;

    private ToolResult Answer(ToolCommand command)
    {
        var key = $"{Path.GetFileName(command.Executable)} {command.Arguments.FirstOrDefault()}";
        if (Answers.TryGetValue(key, out var answer))
        {
            var result = answer(command);
            if (!result.Succeeded && !command.AllowFailure)
                throw new BuildFailedException($"'{command}' exited with code {result.ExitCode}.");
            return result;
        }
        return Ok();
    }
}
