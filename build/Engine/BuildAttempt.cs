using System.Security.Cryptography;
using System.Text;

namespace BuildEngine;

/// <summary>
/// <c>--continue</c>, with NUKE's meaning: every run records its command line and then, as each finishes, the targets
/// that succeeded, in <c>.nuke/temp/build-attempt.log</c>; a run of the same command line with <c>--continue</c>
/// skips the targets that succeeded in the attempt before it. Any other command line starts from scratch.
/// </summary>
public sealed class BuildAttempt
{
    public const string FileName = "build-attempt.log";
    private readonly AbsolutePath _file;
    private readonly string _invocation;

    public BuildAttempt(AbsolutePath temporaryDirectory, IReadOnlyList<string> args)
    {
        _file = temporaryDirectory / FileName;
        _invocation = Invocation(args);
    }

    /// <summary>
    /// The targets that succeeded in the last attempt when it ran this command line; null when there was none, or it
    /// ran another one.
    /// </summary>
    public IReadOnlySet<string>? PreviouslySucceeded()
    {
        if (!_file.FileExists())
            return null;
        var lines = File.ReadAllLines(_file);
        return lines.Length > 0 && lines[0] == _invocation ? lines.Skip(1).Where(line => line.Length > 0).ToHashSet() : null;
    }

    /// <summary>Starts this run's record, carrying over the targets --continue skipped (they are still done).</summary>
    public void Begin(IEnumerable<string> carriedOver)
    {
        Directory.CreateDirectory(_file.Parent);
        File.WriteAllLines(_file, carriedOver.Prepend(_invocation));
    }

    public void Succeeded(PlannedTarget target) => File.AppendAllLines(_file, [target.Name]);

    /// <summary>Marks the targets the last attempt finished; returns their names.</summary>
    public static IReadOnlyList<string> SkipPreviouslySucceeded(ExecutionPlan plan, IReadOnlySet<string> succeeded)
    {
        var skipped = new List<string>();
        foreach (var target in plan.Targets.Where(target => target.Status == TargetStatus.Pending && succeeded.Contains(target.Name)))
        {
            target.Skip("succeeded in the previous attempt (--continue)");
            skipped.Add(target.Name);
        }
        return skipped;
    }

    /// <summary>
    /// The command line without --continue and --plan (and their values): "Test --continue" continues "Test", and
    /// "Test --continue --plan" shows what that would skip.
    /// </summary>
    private static string Invocation(IReadOnlyList<string> args)
    {
        var kept = new List<string>();
        var dropping = false;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) || arg is "-h" or "-?")
                dropping = Naming.MatchKey(arg.Split('=')[0].TrimStart('-')) is BuiltInOptions.Continue or BuiltInOptions.Plan;
            if (!dropping)
                kept.Add(arg);
        }
        return "invocation " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', kept))));
    }
}
