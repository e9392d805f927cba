namespace BuildEngine;

/// <summary>Bad input from the person or pipeline running the build. Reported without a stack trace; exit code 2.</summary>
public class BuildUsageException(string message) : Exception(message);

/// <summary>The build's own definition is inconsistent (a cycle, a bad pattern). Reported like usage errors.</summary>
public sealed class BuildDefinitionException(string message) : BuildUsageException(message);

/// <summary>A target failed with a message that says it all; the summary shows the message, not a stack trace.</summary>
public sealed class BuildFailedException(string message) : Exception(message);

/// <summary>Exit codes, documented in --help.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int TargetFailed = 1;
    public const int NotStarted = 2;
    public const int Cancelled = 130;
}
