using System.Globalization;

namespace BuildEngine;

/// <summary>Turns the text a person typed into a parameter's type, with errors that say what was expected.</summary>
public static class ValueConverter
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off"];

    /// <param name="type">The member type.</param>
    /// <param name="values">The values given; none means a bare flag.</param>
    /// <param name="origin">Where the values came from, for messages (e.g. "--verbosity").</param>
    /// <param name="baseDirectory">What relative paths are relative to.</param>
    public static object? Convert(Type type, IReadOnlyList<string> values, string origin, string baseDirectory)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray)
        {
            var elementType = target.GetElementType()!;
            var array = Array.CreateInstance(elementType, values.Count);
            for (var i = 0; i < values.Count; i++)
                array.SetValue(ConvertOne(elementType, values[i], origin, baseDirectory), i);
            return array;
        }

        if (target == typeof(bool) && values.Count == 0)
            return true;
        if (values.Count == 0)
            throw new BuildUsageException($"{origin} needs a value ({Describe(type)}).");
        if (values.Count > 1)
            throw new BuildUsageException($"{origin} takes one value, got {values.Count}: {string.Join(' ', values)}.");
        return ConvertOne(target, values[0], origin, baseDirectory);
    }

    /// <summary>A short name for the type, as help shows it.</summary>
    public static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray)
            return Describe(target.GetElementType()!) + "[]";
        if (target.IsEnum)
            return string.Join('|', Enum.GetNames(target));
        return target == typeof(AbsolutePath) ? "path" : target.Name switch
        {
            "String" => "string",
            "Boolean" => "bool",
            "Int32" => "int",
            _ => target.Name,
        };
    }

    private static object ConvertOne(Type type, string text, string origin, string baseDirectory)
    {
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
        {
            if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase)) return true;
            if (FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase)) return false;
            throw new BuildUsageException($"{origin}: '{text}' is not a boolean (use true or false).");
        }
        if (type == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new BuildUsageException($"{origin}: '{text}' is not a whole number.");
        }
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            var match = names.FirstOrDefault(name => Naming.MatchKey(name) == Naming.MatchKey(text));
            return match is not null
                ? Enum.Parse(type, match)
                : throw new BuildUsageException(
                    $"{origin}: '{text}' is not one of {string.Join(", ", names)}.{Suggestions.DidYouMean(text, names)}");
        }
        if (type == typeof(AbsolutePath))
        {
            return !string.IsNullOrWhiteSpace(text)
                ? AbsolutePath.Create(text, baseDirectory)
                : throw new BuildUsageException($"{origin}: an empty path is not a path.");
        }
        throw new BuildDefinitionException($"{origin}: parameters of type {type.Name} are not supported.");
    }
}
