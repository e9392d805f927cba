namespace Tools;

/// <summary>The dotnet CLI: every command line the build gives it is assembled here.</summary>
public sealed class DotNet(IProcessRunner runner, string workingDirectory)
{
    private const string MissingHint = "Install the .NET SDK named in global.json (https://dot.net) and put 'dotnet' on PATH.";

    public Task<ToolResult> Restore(string project, CancellationToken cancellation = default) =>
        Run(["restore", project, "--nologo"], cancellation);

    /// <summary>
    /// Installs the local tools of dotnet-tools.json (dotnet-ef, pwsh) into the NuGet cache. Quiet: besides the tools
    /// restored, the SDK advertises every newer version (dotnet-ef 11, for .NET 11), which a pinned manifest
    /// deliberately does not take; a failure still prints all of it.
    /// </summary>
    public Task<ToolResult> ToolRestore(CancellationToken cancellation = default) =>
        runner.RunAsync(Command(["tool", "restore"]) with { Quiet = true }, cancellation);

    /// <summary><c>dotnet build</c>; <paramref name="restore"/> for a project not restored yet (a target run on a fresh clone).</summary>
    public Task<ToolResult> Build(string project, string configuration, bool restore = false, CancellationToken cancellation = default) =>
        Run(["build", project, "--nologo", .. restore ? Array.Empty<string>() : ["--no-restore"], "--configuration", configuration], cancellation);

    /// <summary>A property after running a target (<c>dotnet msbuild -getProperty</c>): only the value is printed.</summary>
    public async Task<string> GetProperty(string project, string target, string property, CancellationToken cancellation = default) =>
        (await runner.RunAsync(Command(["msbuild", project, "-nologo", "-restore", $"-target:{target}", $"-getProperty:{property}"]) with { Quiet = true }, cancellation))
            .StandardOutput;

    public Task<ToolResult> Test(DotNetTestSettings settings, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(settings.Arguments()) with { AllowFailure = true, Environment = environment ?? new Dictionary<string, string?>() }, cancellation);

    public Task<ToolResult> Run(IReadOnlyList<string> arguments, CancellationToken cancellation = default,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        runner.RunAsync(Command(arguments) with { Environment = environment ?? new Dictionary<string, string?>() }, cancellation);

    /// <summary>A server that runs until it is stopped (<c>dotnet run</c> of the site): no "still running" lines.</summary>
    public Task<ToolResult> Serve(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellation = default) =>
        runner.RunAsync(Command(arguments) with { Environment = environment, Heartbeat = false }, cancellation);

    private ToolCommand Command(IReadOnlyList<string> arguments) =>
        new("dotnet", arguments) { WorkingDirectory = workingDirectory, MissingHint = MissingHint };
}

/// <summary><c>dotnet test</c> for one project, writing JUnit XML (for Jenkins) and trx (for IDEs) per assembly.</summary>
public sealed record DotNetTestSettings(string Project, string Configuration, string ResultsDirectory)
{
    public string? Filter { get; init; }
    public bool NoBuild { get; init; } = true;

    public DotNetTestSettings SetFilter(string? filter) => this with { Filter = filter };

    public IReadOnlyList<string> Arguments()
    {
        var name = Path.GetFileNameWithoutExtension(Project);
        var arguments = new List<string> { "test", Project, "--nologo", "--configuration", Configuration };
        if (NoBuild)
            arguments.Add("--no-build");
        arguments.AddRange([
            "--results-directory", ResultsDirectory,
            "--logger", $"junit;LogFilePath={Path.Combine(ResultsDirectory, name + ".xml")};MethodFormat=Class;FailureBodyFormat=Verbose",
            "--logger", $"trx;LogFileName={name}.trx",
            "--logger", "console;verbosity=normal",
        ]);
        if (Filter is not null)
            arguments.AddRange(["--filter", Filter]);
        return arguments;
    }
}
