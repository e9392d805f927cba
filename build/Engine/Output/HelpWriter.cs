using Spectre.Console;

namespace BuildEngine;

/// <summary>--help: targets, parameters with their current values and sources, built-in options, skip model.</summary>
public static class HelpWriter
{
    public static void Write(IAnsiConsole console, NukeBuild build, BuildModel model, BuildBranch branch, IReadOnlyList<string> profiles)
    {
        console.MarkupLine("[bold]Usage:[/] ./build.sh [[targets]] [[--parameter value...]]");
        console.WriteLine();

        var defaults = string.Join(", ", model.DefaultTargets.Select(target => target.Name));
        var targets = new Table().Border(TableBorder.Simple).Title($"Targets (default: {Markup.Escape(defaults)})")
            .AddColumns("Target", "Description", "Depends on", "Runs on");
        foreach (var target in model.ListedTargets)
        {
            var runsOn = target.BranchPatterns.Count == 0
                ? "any branch"
                : $"{string.Join(" or ", target.BranchPatterns)}, not pull requests" +
                  (branch.WhyNot(target.BranchPatterns) is null ? "" : " (skipped here)");
            targets.AddRow(
                Markup.Escape(target.Name),
                Markup.Escape(target.DescriptionText ?? ""),
                Markup.Escape(string.Join(", ", target.Dependencies.Select(dependency => dependency.Name))),
                Markup.Escape(runsOn));
        }
        console.Write(targets);

        var parameters = new Table().Border(TableBorder.Simple)
            .Title("Parameters (command line > environment > --profile's .nuke/parameters.<profile>.json > .nuke/parameters.json > default)")
            .AddColumns("Option", "Type", "Description", "Value (from)");
        foreach (var parameter in model.Parameters.OrderBy(parameter => parameter.Name, StringComparer.Ordinal))
        {
            var (value, from) = parameter.Effective(build);
            var environment = string.Join(" or ", parameter.EnvironmentVariables) +
                (parameter.IsSecret ? $"; file {parameter.FileOptionName} or {parameter.FileEnvironmentVariable}" : "");
            parameters.AddRow(
                Markup.Escape(parameter.OptionName),
                Markup.Escape(ValueConverter.Describe(parameter.Type)),
                Markup.Escape($"{parameter.Description} [env {environment}]"),
                Markup.Escape($"{value} ({from})"));
        }
        console.Write(parameters);

        var options = new Table().Border(TableBorder.Simple).Title("Options (environment: NUKE_<OPTION> only)")
            .AddColumns("Option", "Description");
        foreach (var (name, value, description) in BuiltInOptions.All)
            options.AddRow(Markup.Escape($"--{name} {value}".TrimEnd()), Markup.Escape(description));
        console.Write(options);
        console.MarkupLine(profiles.Count == 0
            ? "[bold]Profiles:[/] none yet; a profile is a .nuke/parameters.<name>.json file, e.g. staging or production values."
            : $"[bold]Profiles[/] (--profile): {Markup.Escape(string.Join(", ", profiles))}.");

        console.MarkupLine("""
            [bold]Skipping[/], decided before anything runs:
              1. A target named on the command line is never skipped by --skip.
              2. A bare --skip skips every other planned target; --skip A B skips exactly A and B.
              3. A target limited to branches is skipped on other branches and on every pull-request build;
                 an OnlyWhenStatic condition that is false skips its target. OnlyWhenDynamic is checked just before running.
              4. With --continue, a target that succeeded in the last run of the same command line is skipped.
              A skip affects only the target it names: its dependencies still run, and dependents treat it as done.
            [bold]Exit codes:[/] 0 success, 1 a target failed, 2 the build did not start (bad input or definition), 130 cancelled.
            """);
    }
}
