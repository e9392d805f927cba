using System.Collections;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace BuildEngine;

/// <summary>
/// Base class of a build, shaped like NUKE's: targets are <see cref="Target"/> properties, parameters are
/// <see cref="ParameterAttribute"/> members, and <c>Main</c> calls <see cref="Execute{T}"/>.
/// </summary>
public abstract class NukeBuild
{
    private BuildBranch? _branch;

    /// <summary>The repository root: the nearest folder above the working directory that holds <c>.nuke/</c>.</summary>
    public AbsolutePath RootDirectory { get; internal set; } = null!;

    /// <summary>Scratch space kept between runs and ignored by git.</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>True on a CI server (one of <see cref="ServerBuildVariables"/> set), where generated files are checked instead of written.</summary>
    public bool IsServerBuild => ServerBuildVariables.Any(variable =>
        EnvironmentVariables.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value) && value != "false");
    public bool IsLocalBuild => !IsServerBuild;
    public Verbosity Verbosity { get; internal set; } = Verbosity.Normal;

    /// <summary>The environment the build started with (tests pass their own).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; internal set; } = new Dictionary<string, string>();

    public BuildModel Model { get; internal set; } = null!;
    public ExecutionPlan? Plan { get; internal set; }

    /// <summary>The branch being built, resolved once on first use.</summary>
    public BuildBranch BranchInfo => _branch ??= new BuildBranch(BranchPattern.Normalize(CurrentBranch), NullIfEmpty(PullRequestId));

    /// <summary>The branch name as the build can best tell; normalised by the engine.</summary>
    protected virtual string? CurrentBranch => null;

    /// <summary>The pull-request id on pull-request builds, else null.</summary>
    protected virtual string? PullRequestId => null;

    /// <summary>Environment variables that mark a CI server build; a build adds the one its CI server sets.</summary>
    protected virtual IReadOnlyList<string> ServerBuildVariables => ["CI"];

    /// <summary>Files generated from the definitions besides the schema; kept in sync on every run.</summary>
    protected virtual IEnumerable<GeneratedFile> GeneratedFiles() => [];

    internal IEnumerable<GeneratedFile> AllGeneratedFiles() => GeneratedFiles();

    /// <summary>
    /// Adds a line to the running target's row in the summary table, as NUKE's <c>ReportSummary</c> does: what a
    /// reader of the build log wants at a glance (the version built, the image deployed).
    /// </summary>
    public void ReportSummary(string key, string value)
    {
        var target = Plan?.Running ?? throw new InvalidOperationException($"ReportSummary(\"{key}\") was called outside a target's actions.");
        target.AddSummary(key, SecretMasker.Mask(value));
    }

    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        var defaults = defaultTargets.Select(target => ((MemberExpression)target.Body).Member.Name).ToList();
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "");

        // Ctrl+C or a pipeline abort (SIGTERM) stops the running tool and still prints the summary.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, args) =>
        {
            args.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        var session = new BuildSession(BuildConsole.ForThisProcess(), environment, Directory.GetCurrentDirectory());
        return session.RunAsync(new T(), defaults, Environment.GetCommandLineArgs()[1..], cancellation.Token)
            .GetAwaiter().GetResult();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
