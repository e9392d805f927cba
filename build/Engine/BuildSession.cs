using System.Diagnostics;
using Spectre.Console;

namespace BuildEngine;

/// <summary>One run of a build: read the command line, bind parameters, load targets, plan, run, summarise.</summary>
public sealed class BuildSession(IAnsiConsole console, IReadOnlyDictionary<string, string> environment, string workingDirectory)
{
    public async Task<int> RunAsync(NukeBuild build, IReadOnlyList<string> defaultTargets, IReadOnlyList<string> args, CancellationToken cancellation = default)
    {
        Log.Console = console;
        BuildCancellation.Token = cancellation;
        SecretMasker.Clear();
        try
        {
            var commandLine = CommandLine.Parse(args);
            var help = Flag(commandLine, BuiltInOptions.Help);
            var planOnly = Flag(commandLine, BuiltInOptions.Plan);
            var verbosity = (Verbosity)(BuiltIn(commandLine, BuiltInOptions.Verbosity, typeof(Verbosity)) ?? Verbosity.Normal);
            var root = ResolveRoot(commandLine);
            var invokedNames = commandLine.Positional.Concat(Values(commandLine, BuiltInOptions.Target) ?? []).ToList();
            var skipNames = Values(commandLine, BuiltInOptions.Skip);
            var continuing = Flag(commandLine, BuiltInOptions.Continue);
            var profiles = Values(commandLine, BuiltInOptions.Profile) ?? [];

            build.RootDirectory = root;
            build.Verbosity = Log.Verbosity = verbosity;
            build.EnvironmentVariables = environment;

            var parameters = new ParameterBinder(environment, root, profiles).Bind(build, commandLine);
            foreach (var secret in parameters.Where(parameter => parameter.IsSecret))
                SecretMasker.Register(secret.Value?.ToString());
            ThrowOnUnknownOptions(commandLine, parameters);

            var model = build.Model = BuildModel.Load(build, defaultTargets, parameters);
            GeneratedFilesSync.Run(build, defaultTargets, environment);

            if (help)
            {
                HelpWriter.Write(console, build, model, build.BranchInfo, ParametersFiles.Profiles(root));
                return ExitCodes.Success;
            }

            var invoked = invokedNames.Select(model.Find).Distinct().ToList();
            if (invoked.Count == 0)
                invoked = model.DefaultTargets.ToList();
            if (invoked.Count == 0)
                throw new BuildUsageException("No target given and the build has no default target. See --help.");
            var skip = skipNames?.Select(model.Find).ToHashSet();

            var plan = build.Plan = new ExecutionPlan(ExecutionPlanner.Plan(model.Targets, invoked)
                .Select(target => new PlannedTarget(target, invoked.Contains(target)))
                .ToList());
            SkipRules.Apply(plan, skip, build.BranchInfo);
            var attempt = new BuildAttempt(build.TemporaryDirectory, args);
            IReadOnlyList<string> carriedOver = [];
            if (continuing)
            {
                if (attempt.PreviouslySucceeded() is { } succeeded)
                    carriedOver = BuildAttempt.SkipPreviouslySucceeded(plan, succeeded);
                else
                    Log.Warning("--continue: the last run had another command line (or there was none), so every target runs.");
            }

            var problems = PlanValidation.Problems(plan);
            if (planOnly)
            {
                PlanWriter.Write(console, plan, problems);
                return problems.Count > 0 ? ExitCodes.NotStarted : ExitCodes.Success;
            }
            if (problems.Count > 0)
                throw new BuildUsageException(string.Join(Environment.NewLine, problems));

            var stopwatch = Stopwatch.StartNew();
            attempt.Begin(carriedOver);
            await new TargetRunner(console, verbosity).RunAsync(plan, cancellation, attempt.Succeeded);
            SummaryWriter.Write(console, plan, stopwatch.Elapsed);
            if (plan.Targets.Any(target => target.Status == TargetStatus.Aborted))
                return ExitCodes.Cancelled;
            return plan.HasFailed ? ExitCodes.TargetFailed : ExitCodes.Success;
        }
        catch (BuildUsageException exception)
        {
            console.MarkupLine($"[red]{Markup.Escape(SecretMasker.Mask(exception.Message))}[/]");
            return ExitCodes.NotStarted;
        }
        finally
        {
            // The token is global for the tool runners: once this run is over, it must not stop what runs next.
            BuildCancellation.Token = CancellationToken.None;
        }
    }

    private AbsolutePath ResolveRoot(CommandLine commandLine)
    {
        if (BuiltIn(commandLine, BuiltInOptions.Root, typeof(AbsolutePath)) is AbsolutePath root)
        {
            return root.DirectoryExists()
                ? root
                : throw new BuildUsageException($"--root: '{root}' is not a directory.");
        }

        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return AbsolutePath.Create(directory.FullName);
        }
        throw new BuildUsageException(
            $"No repository root found above '{workingDirectory}': it is the folder holding .nuke/. Run from inside the repository or pass --root.");
    }

    private void ThrowOnUnknownOptions(CommandLine commandLine, IReadOnlyList<BuildParameter> parameters)
    {
        var known = parameters.SelectMany(parameter => parameter.OptionNames)
            .Concat(BuiltInOptions.All.Select(option => "--" + option.Name))
            .ToList();
        var unknown = commandLine.Unconsumed
            .Select(option => $"Unknown option '{option.Spelling}'.{Suggestions.DidYouMean(option.Spelling, known)} See --help.")
            .ToList();
        if (unknown.Count > 0)
            throw new BuildUsageException(string.Join(Environment.NewLine, unknown));
    }

    private bool Flag(CommandLine commandLine, string option) =>
        BuiltIn(commandLine, option, typeof(bool)) is true;

    /// <summary>A list option's names (--target, --skip); a variable separates them with commas or spaces.</summary>
    private IReadOnlyList<string>? Values(CommandLine commandLine, string option) =>
        Given(commandLine, option, text => text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))?.Values;

    private object? BuiltIn(CommandLine commandLine, string option, Type type) =>
        Given(commandLine, option, text => [text]) is { } given
            ? ValueConverter.Convert(type, given.Values, given.Origin, workingDirectory)
            : null;

    /// <summary>A built-in option: command line first, then NUKE_OPTION (never an unprefixed variable).</summary>
    private (IReadOnlyList<string> Values, string Origin)? Given(CommandLine commandLine, string option, Func<string, IReadOnlyList<string>> fromVariable)
    {
        if (commandLine.Take(option) is { } given)
            return (given.Values, given.Spelling);
        var variable = BuiltInOptions.EnvironmentVariable(option);
        return environment.TryGetValue(variable, out var text) && !string.IsNullOrWhiteSpace(text)
            ? (fromVariable(text), variable)
            : null;
    }
}
