using BuildEngine;

namespace Tools;

/// <summary>One process to run: the exact argument list a test can assert, plus how to run it.</summary>
public sealed record ToolCommand(string Executable, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Text fed to standard input (e.g. a password for <c>--password-stdin</c>); never logged.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Capture output without streaming it (for commands whose output the build parses).</summary>
    public bool Quiet { get; init; }

    /// <summary>Return a failed result instead of throwing.</summary>
    public bool AllowFailure { get; init; }

    /// <summary>What the tool is doing, for the log line that says it is still at it ("waiting for the rollout").</summary>
    public string? Activity { get; init; }

    /// <summary>Say the tool is still at work when it is silent; off for a server, whose silence is its normal state.</summary>
    public bool Heartbeat { get; init; } = true;

    /// <summary>What to tell the user when the executable is not installed.</summary>
    public string? MissingHint { get; init; }

    /// <summary>The command as a shell line, secrets masked: for logs and error messages.</summary>
    public override string ToString() =>
        SecretMasker.Mask(string.Join(' ', Arguments.Prepend(Executable).Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%^".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>What a finished process left behind.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
