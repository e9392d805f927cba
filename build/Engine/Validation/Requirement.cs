using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace BuildEngine;

/// <summary>
/// Something that must hold before any target runs. <see cref="Check"/> returns the problem, or null. Problems name
/// what a person can change: a parameter's option and its other sources, never a code member.
/// </summary>
public sealed record Requirement(string Text, Func<string?> Check)
{
    internal static Requirement Present<T>(string target, Expression<Func<T>> member, IReadOnlyList<BuildParameter> parameters)
    {
        var input = Input.Of(member.Body, parameters);
        var read = member.Compile();
        return new Requirement(input.Name, () => IsMissing(read())
            ? input.Parameter is { } parameter
                ? $"Target '{target}' requires {parameter.Sources}"
                : $"Target '{target}' requires member '{input.Name}' to be not null or empty"
            : null);
    }

    internal static Requirement ForCondition(string target, Func<bool> condition, string text) =>
        new(text, () => condition() ? null : $"Target '{target}' requires: {text}");

    /// <summary>
    /// The value, or each value of an array, must follow the rule; null is left to <see cref="Present{T}"/>. The problem
    /// names the input, not the target: the same bad value read by several targets is one problem.
    /// </summary>
    internal static Requirement Follows<T>(Expression body, Func<IEnumerable<T?>> values, ValueRule<T> rule, IReadOnlyList<BuildParameter> parameters)
    {
        var input = Input.Of(body, parameters);
        return new Requirement($"{input.Name} must be {rule.Description}", () =>
        {
            foreach (var value in values())
            {
                if (value is null)
                    continue;
                string? problem;
                try
                {
                    problem = rule.Problem(value);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    problem = exception.Message;
                }
                if (problem is not null)
                    return $"{input.Describe(value)} must be {rule.Description}{(problem.Length > 0 ? ": " + problem : "")}{input.From}.";
            }
            return null;
        });
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        System.Collections.ICollection collection => collection.Count == 0,
        _ => false,
    };

    /// <summary>What a requirement reads: a parameter (named by its option) or, failing that, the code member.</summary>
    private sealed record Input(string Name, BuildParameter? Parameter)
    {
        public static Input Of(Expression body, IReadOnlyList<BuildParameter> parameters)
        {
            var member = (body as MemberExpression)?.Member;
            var parameter = member is null ? null : parameters.FirstOrDefault(candidate => candidate.Is(member));
            return new Input(parameter?.OptionName ?? member?.Name ?? Condition.Clean(body.ToString()), parameter);
        }

        public string Describe(object value) => $"{Name} '{Printable(Parameter?.Display(value) ?? value.ToString() ?? "")}'";

        public string From => Parameter?.Source switch
        {
            null => "",
            ParameterSource.CommandLine => " (given on the command line)",
            ParameterSource.Environment => $" (from environment variable {Parameter.Origin})",
            ParameterSource.ParametersFile => $" (from {Parameter.Origin})",
            _ => " (the default)",
        };
    }

    /// <summary>A value as a message may show it: control characters (a newline in a value) spelled out.</summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
            return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }
}
