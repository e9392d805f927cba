using System.Text.RegularExpressions;
using BuildEngine;

namespace Tools;

/// <summary>
/// The grammar of image references (the OCI distribution spec, as docker reads it): a registry host[:port], a
/// repository path of lowercase components, a tag. Checked before a build starts, so a typo or an injected
/// "a,b=c" never reaches docker or helm.
/// </summary>
public static partial class DockerReference
{
    /// <summary>docker refuses longer names (registry, '/', repository).</summary>
    public const int MaxNameLength = 255;

    public static readonly ValueRule<string> Registry = new(
        "a registry host[:port], such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com or localhost:5000", RegistryProblem);

    public static readonly ValueRule<string> Repository = new(
        "an image repository of lowercase path components (a-z, 0-9, separated by '.', '_', '__' or '-'), such as team/admin-site",
        RepositoryProblem);

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    private static string? RegistryProblem(string registry)
    {
        if (registry.Contains('/', StringComparison.Ordinal))
            return "it holds a '/': a registry is a host and port only, a path belongs to the repository";
        var (host, port) = SplitPort(registry);
        if (port is not null && !(int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535))
            return $"port '{port}' is not a number from 1 to 65535";
        if (host.StartsWith('[') && host.EndsWith(']'))
            return System.Net.IPAddress.TryParse(host[1..^1], out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? null
                : $"'{host}' is not an IPv6 address";
        if (host.Length is 0 or > 253)
            return "a host name has 1 to 253 characters";
        if (FirstOutside(host, static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') is { } bad)
            return $"{bad} is not allowed in a host name";
        return host.Split('.').All(label => HostLabelPattern().IsMatch(label))
            ? null
            : "each dot-separated part of a host name is letters, digits and inner '-'";
    }

    private static string? RepositoryProblem(string repository)
    {
        if (repository.Length > MaxNameLength)
            return $"it has {repository.Length} characters, more than docker's {MaxNameLength}";
        if (FirstOutside(repository, static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '/') is { } bad)
            return $"{bad} is not allowed";
        return RepositoryPattern().IsMatch(repository)
            ? null
            : "every path component starts and ends with a letter or digit, with no empty component";
    }

    private static (string Host, string? Port) SplitPort(string registry)
    {
        var colon = registry.LastIndexOf(':');
        return colon < 0 || registry.EndsWith(']') ? (registry, null) : (registry[..colon], registry[(colon + 1)..]);
    }

    private static string? FirstOutside(string text, Func<char, bool> allowed) =>
        text.Where(c => !allowed(c)).Select(c => char.IsControl(c) ? $"a control character (U+{(int)c:X4})" : char.IsAsciiLetterUpper(c) ? $"uppercase '{c}'" : $"'{c}'")
            .FirstOrDefault();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z")]
    private static partial Regex HostLabelPattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\z")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z")]
    private static partial Regex TagPattern();
}
