using BuildEngine;
using Spectre.Console;

namespace EngineTests;

/// <summary>Runs a build in a throwaway repository root with a given environment and captures what it prints.</summary>
public sealed class TestBuildHost : IDisposable
{
    public TestBuildHost()
    {
        Root = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "build-tests-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(Root / ".nuke");
    }

    public AbsolutePath Root { get; }
    public Dictionary<string, string> Environment { get; } = new() { ["PATH"] = "/usr/bin:/bin" };
    public string Output { get; private set; } = "";

    public TestBuildHost WithParametersFile(string json)
    {
        File.WriteAllText(Root / ".nuke" / "parameters.json", json);
        return this;
    }

    public TestBuildHost WithEnvironment(string name, string value)
    {
        Environment[name] = value;
        return this;
    }

    public int Run(NukeBuild build, params string[] args) => RunWithDefaults(build, [], args);

    public int RunWithDefaults(NukeBuild build, IReadOnlyList<string> defaults, params string[] args) =>
        RunAsync(build, defaults, args, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs the build in a session printing to <see cref="Output"/> (plain text, as in a CI log).</summary>
    public async Task<int> RunAsync(NukeBuild build, IReadOnlyList<string> defaults, IReadOnlyList<string> args, CancellationToken cancellation)
    {
        var writer = new StringWriter();
        var console = BuildConsole.Plain(writer);
        try
        {
            return await new BuildSession(console, Environment, Root).RunAsync(build, defaults, args, cancellation);
        }
        finally
        {
            Output = writer.ToString();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
