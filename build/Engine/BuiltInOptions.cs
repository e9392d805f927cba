namespace BuildEngine;

/// <summary>
/// Options every build has. They read only NUKE_-prefixed environment variables, so a machine-wide TARGET or
/// VERBOSITY variable can never change what a build does (NUKE issue #300).
/// </summary>
public static class BuiltInOptions
{
    public const string Target = "target";
    public const string Skip = "skip";
    public const string Plan = "plan";
    public const string Help = "help";
    public const string Root = "root";
    public const string Verbosity = "verbosity";
    public const string Continue = "continue";
    public const string Profile = "profile";

    public static readonly IReadOnlyList<(string Name, string Value, string Description)> All =
    [
        (Target, "<targets>", "Targets to run; same as naming them first"),
        (Skip, "[targets]", "Skip the named targets; without names, skip every target not named on the command line"),
        (Plan, "", "Print the ordered plan with each skip and its reason and check every input; run nothing (exit code 2 when a real run would not start)"),
        (Continue, "", "Resume the last run of the same command line: skip the targets that succeeded in it (.nuke/temp/build-attempt.log)"),
        (Profile, "<names>", "Layer .nuke/parameters.<name>.json over parameters.json, e.g. staging or production (later names win)"),
        (Help, "", "This text"),
        (Root, "<path>", "Repository root (default: nearest folder above holding .nuke/)"),
        (Verbosity, "<level>", "Quiet, Minimal, Normal (default) or Verbose"),
    ];

    public static string EnvironmentVariable(string option) => "NUKE_" + option.ToUpperInvariant();
}
