namespace BuildEngine;

/// <summary>
/// Gives every parameter its value: command line, then environment, then the parameters files (the profiles of
/// --profile over .nuke/parameters.json), then the initialiser. An empty environment variable counts as unset
/// (NUKE bound it as true, issue #1431).
/// </summary>
public sealed class ParameterBinder(IReadOnlyDictionary<string, string> environment, AbsolutePath rootDirectory, IReadOnlyList<string>? profiles = null)
{
    public IReadOnlyList<BuildParameter> Bind(object build, CommandLine commandLine)
    {
        var parameters = BuildParameter.Find(build.GetType())
            .Select(found => new BuildParameter(found.Member, found.Attribute, BuildParameter.Read(found.Member, build)))
            .ToList();
        var names = parameters.Select(parameter => parameter.Name).ToList();
        if (parameters.FirstOrDefault(parameter => parameter.IsSecret && names.Contains(parameter.Name + "File")) is { } clash)
            throw new BuildDefinitionException($"Parameter '{clash.Name}File' clashes with {clash.FileOptionName}, the file option of the secret '{clash.Name}': rename it.");
        var file = ParametersFiles.Read(rootDirectory, profiles ?? [], names);
        var problems = new List<string>();

        foreach (var parameter in parameters)
        {
            try
            {
                BindOne(build, parameter, commandLine, file);
            }
            catch (BuildUsageException exception)
            {
                problems.Add(exception.Message);
            }
        }

        if (problems.Count > 0)
            throw new BuildUsageException(string.Join(Environment.NewLine, problems));
        return parameters;
    }

    private void BindOne(object build, BuildParameter parameter, CommandLine commandLine, Dictionary<string, ParametersFiles.Entry> file)
    {
        var fileOption = parameter.IsSecret ? commandLine.Take(parameter.Name + "File") : null;
        if (commandLine.Take(parameter.Name) is { } option)
        {
            if (fileOption is not null)
                throw new BuildUsageException($"{parameter.OptionName} and {parameter.FileOptionName} are both given: give one.");
            if (parameter.IsSecret)
                Log.Warning(SecretFile.CommandLineWarning(parameter));
            var value = ValueConverter.Convert(parameter.Type, option.Values, option.Spelling, rootDirectory);
            parameter.Assign(build, value, ParameterSource.CommandLine, option.Spelling);
            return;
        }
        if (fileOption is not null)
        {
            var path = (AbsolutePath)ValueConverter.Convert(typeof(AbsolutePath), fileOption.Values, parameter.FileOptionName, rootDirectory)!;
            var value = ValueConverter.Convert(parameter.Type, [SecretFile.Read(path, parameter.FileOptionName)], parameter.FileOptionName, rootDirectory);
            parameter.Assign(build, value, ParameterSource.CommandLine, parameter.FileOptionName);
            return;
        }
        if (parameter.IsSecret && BindSecretFileVariable(build, parameter))
            return;

        foreach (var variable in parameter.EnvironmentVariables)
        {
            if (!environment.TryGetValue(variable, out var text) || string.IsNullOrWhiteSpace(text))
                continue;
            var values = IsArray(parameter.Type)
                ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [text];
            var value = ValueConverter.Convert(parameter.Type, values, $"environment variable {variable}", rootDirectory);
            parameter.Assign(build, value, ParameterSource.Environment, variable);
            return;
        }

        // A JSON null means "not set here", like an empty environment variable.
        if (file.TryGetValue(Naming.MatchKey(parameter.Name), out var entry) && (entry.Values.Count > 0 || IsArray(parameter.Type)))
        {
            if (parameter.IsSecret)
            {
                throw new BuildUsageException(
                    $"{entry.Origin}: '{parameter.Name}' is a secret and must not be committed; " +
                    $"pass it as {parameter.OptionName} or environment variable {parameter.EnvironmentVariables[0]}.");
            }
            var value = ValueConverter.Convert(parameter.Type, entry.Values, $"{entry.Origin} ({parameter.Name})", rootDirectory);
            parameter.Assign(build, value, ParameterSource.ParametersFile, entry.Origin);
        }
    }

    /// <summary>The secret's file variable, when set; refused beside the value's own variable, which one would silently win over.</summary>
    private bool BindSecretFileVariable(object build, BuildParameter parameter)
    {
        var variable = parameter.FileEnvironmentVariable;
        if (!environment.TryGetValue(variable, out var text) || string.IsNullOrWhiteSpace(text))
            return false;
        if (parameter.EnvironmentVariables.FirstOrDefault(name => environment.TryGetValue(name, out var other) && !string.IsNullOrWhiteSpace(other)) is { } both)
            throw new BuildUsageException($"{both} and {variable} are both set: set one.");
        var path = AbsolutePath.Create(text.Trim(), rootDirectory);
        var value = ValueConverter.Convert(parameter.Type, [SecretFile.Read(path, variable)], variable, rootDirectory);
        parameter.Assign(build, value, ParameterSource.Environment, variable);
        return true;
    }

    private static bool IsArray(Type type) => (Nullable.GetUnderlyingType(type) ?? type).IsArray;
}
