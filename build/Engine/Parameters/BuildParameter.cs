using System.Reflection;

namespace BuildEngine;

/// <summary>A <see cref="ParameterAttribute"/> member: its names, type, default and where its value came from.</summary>
public sealed class BuildParameter
{
    private readonly MemberInfo _member;

    internal BuildParameter(MemberInfo member, ParameterAttribute attribute, object? defaultValue)
    {
        _member = member;
        Name = attribute.Name ?? member.Name.TrimStart('_');
        Description = attribute.Description;
        Type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        IsSecret = member.IsDefined(typeof(SecretAttribute), inherit: true);
        CredentialsId = attribute.CredentialsId;
        EnvironmentVariables = attribute.EnvironmentVariable is { } explicitName
            ? [explicitName]
            : [Naming.ToUpperSnakeCase(Name), Name];
        Value = defaultValue;
        DefaultFrom = attribute.DefaultFrom;
    }

    /// <summary>The build member that resolves the value when none is given (<see cref="ParameterAttribute.DefaultFrom"/>).</summary>
    public string? DefaultFrom { get; }

    /// <summary>
    /// The value the build works with and where it came from: the bound value, or for a parameter not given, what
    /// <see cref="DefaultFrom"/> resolves it to. A resolver that fails (no git, say) is reported, not thrown: help
    /// must always print.
    /// </summary>
    public (string Value, string From) Effective(object build)
    {
        var from = Source == ParameterSource.Default ? "default" : Origin ?? "default";
        if (Source != ParameterSource.Default || DefaultFrom is null)
            return (Display(Value), from);
        try
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            var member = build.GetType().GetMember(DefaultFrom, flags).FirstOrDefault()
                ?? throw new BuildDefinitionException($"Parameter '{Name}': DefaultFrom names '{DefaultFrom}', which the build does not have.");
            var resolved = member switch
            {
                PropertyInfo property => property.GetValue(build),
                MethodInfo method => method.Invoke(build, []),
                _ => throw new BuildDefinitionException($"Parameter '{Name}': DefaultFrom '{DefaultFrom}' must be a property or a method."),
            } as ResolvedDefault;
            return resolved is null ? (Display(Value), from) : (Display(resolved.Value), resolved.From);
        }
        catch (TargetInvocationException exception)
        {
            return ("(unknown)", exception.InnerException?.Message ?? exception.Message);
        }
    }

    /// <summary>The field or property, as target definitions name it (<c>Uses(() =&gt; Member)</c>).</summary>
    public string MemberName => _member.Name;

    /// <summary>PascalCase, as in parameters.json and the schema.</summary>
    public string Name { get; }
    public string OptionName => "--" + Naming.ToKebabCase(Name);
    public string? Description { get; }
    public Type Type { get; }
    public bool IsSecret { get; }

    /// <summary>The CI credential holding the value (<see cref="ParameterAttribute.CredentialsId"/>), or null.</summary>
    public string? CredentialsId { get; }
    public IReadOnlyList<string> EnvironmentVariables { get; }

    /// <summary>A secret's file option: its value is read from the file it names (<see cref="SecretFile"/>).</summary>
    public string FileOptionName => OptionName + "-file";

    /// <summary>A secret's file variable, the environment's counterpart of <see cref="FileOptionName"/>.</summary>
    public string FileEnvironmentVariable => EnvironmentVariables[0] + "_FILE";

    /// <summary>Every option that sets it: a secret also has its file option.</summary>
    public IReadOnlyList<string> OptionNames => IsSecret ? [OptionName, FileOptionName] : [OptionName];
    public object? Value { get; private set; }
    public ParameterSource Source { get; private set; } = ParameterSource.Default;

    /// <summary>The exact place the value came from: "--branch", "BRANCH_NAME", ".nuke/parameters.json".</summary>
    public string? Origin { get; private set; }

    internal void Assign(object instance, object? value, ParameterSource source, string origin)
    {
        Value = value;
        Source = source;
        Origin = origin;
        switch (_member)
        {
            case FieldInfo field:
                field.SetValue(instance, value);
                break;
            case PropertyInfo property:
                property.SetValue(instance, value);
                break;
        }
    }

    /// <summary>
    /// Every way to set it, for messages: "--registry (or REGISTRY, or parameters.json's Registry)". Secrets are
    /// never read from parameters.json, so it is not offered for them; their files are.
    /// </summary>
    public string Sources
    {
        get
        {
            var others = new List<string> { EnvironmentVariables[0] };
            if (IsSecret)
                others.AddRange([$"{FileOptionName} <path>", FileEnvironmentVariable]);
            else
                others.Add($"{ParametersFiles.BaseFileName}'s {Name}");
            return $"{OptionName} (or {string.Join(", or ", others)})";
        }
    }

    /// <summary>Whether this parameter is that field or property (as an expression such as <c>() =&gt; Registry</c> names it).</summary>
    internal bool Is(MemberInfo member) => member.HasSameMetadataDefinitionAs(_member);

    /// <summary>The value as help and plans may print it: secrets never appear.</summary>
    public string Display(object? value) => value switch
    {
        null => "(none)",
        _ when IsSecret => "*****",
        Array array => string.Join(", ", array.Cast<object>()),
        _ => value.ToString() ?? "",
    };

    internal static IEnumerable<(MemberInfo Member, ParameterAttribute Attribute)> Find(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var member in type.GetFields(flags).Cast<MemberInfo>().Concat(type.GetProperties(flags)))
            {
                if (member.GetCustomAttribute<ParameterAttribute>() is not { } attribute)
                    continue;
                if (member is PropertyInfo { CanWrite: false } property)
                    throw new BuildDefinitionException($"Parameter '{property.Name}' needs a setter (or make it a field).");
                yield return (member, attribute);
            }
        }
    }

    internal static object? Read(MemberInfo member, object instance) => member switch
    {
        FieldInfo field => field.GetValue(instance),
        PropertyInfo property => property.GetValue(instance),
        _ => null,
    };
}
