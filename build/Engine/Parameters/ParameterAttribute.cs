namespace BuildEngine;

/// <summary>
/// Marks a field or property whose value comes from, highest first: the command line (<c>--kebab-name</c>), the
/// environment (<c>UPPER_SNAKE_NAME</c> or the exact name, or <see cref="EnvironmentVariable"/> alone when given),
/// <c>.nuke/parameters.json</c> (PascalCase key), and last the member's initialiser.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>Overrides the member name (PascalCase).</summary>
    public string? Name { get; init; }

    /// <summary>Reads this environment variable instead of the names derived from the member (e.g. the BRANCH_NAME a CI server sets).</summary>
    public string? EnvironmentVariable { get; init; }

    /// <summary>
    /// The id of the CI server's credential that holds the value (a secret text, or a secret file for a path
    /// parameter). CI pipelines bind it to the parameter's environment variable around the stages of the targets
    /// that use the parameter, and nowhere else.
    /// </summary>
    public string? CredentialsId { get; init; }

    /// <summary>
    /// A member of the build (property or method without arguments) returning the <see cref="ResolvedDefault"/> the
    /// build uses when the parameter is not given, e.g. the branch git has checked out. Help shows it as the
    /// parameter's effective value, with where it came from, instead of "(none)".
    /// </summary>
    public string? DefaultFrom { get; init; }
}

/// <summary>What a parameter that was not given stands for, and where that came from ("git", "PATH").</summary>
public sealed record ResolvedDefault(object? Value, string From);

/// <summary>A parameter whose value is never printed: masked in help, plans and tool output.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
