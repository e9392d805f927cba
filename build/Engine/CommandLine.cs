namespace BuildEngine;

/// <summary>
/// The raw command line: target names first (positional), then <c>--option value...</c> pairs. An option's values
/// run until the next <c>--option</c>; <c>--name=value</c> also works; a bare option is a flag.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, Option> _options = [];

    private CommandLine(IReadOnlyList<string> positional) => Positional = positional;

    /// <summary>Target names given before the first option.</summary>
    public IReadOnlyList<string> Positional { get; }

    public IEnumerable<Option> Options => _options.Values;

    public sealed record Option(string Spelling, IReadOnlyList<string> Values)
    {
        internal bool Consumed { get; set; }
    }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var index = 0;
        while (index < args.Count && !IsOption(args[index]))
            positional.Add(args[index++]);

        var commandLine = new CommandLine(positional);
        while (index < args.Count)
        {
            var spelling = args[index++];
            var values = new List<string>();
            var equals = spelling.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values.Add(spelling[(equals + 1)..]);
                spelling = spelling[..equals];
            }
            while (index < args.Count && !IsOption(args[index]))
                values.Add(args[index++]);

            var name = spelling is "-h" or "-?" ? "help" : spelling.TrimStart('-');
            if (name.Length == 0)
                throw new BuildUsageException($"'{spelling}' is not an option name.");
            if (!commandLine._options.TryAdd(Naming.MatchKey(name), new Option(spelling, values)))
                throw new BuildUsageException($"{spelling} is given twice; give it once with all its values.");
        }
        return commandLine;
    }

    /// <summary>Takes an option (by any spelling of its name) so that it does not count as unknown.</summary>
    public Option? Take(string name)
    {
        if (!_options.TryGetValue(Naming.MatchKey(name), out var option))
            return null;
        option.Consumed = true;
        return option;
    }

    public IEnumerable<Option> Unconsumed => _options.Values.Where(option => !option.Consumed);

    // "-1" is a value (a negative number), "--x" and "-h" are options.
    private static bool IsOption(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) || arg is "-h" or "-?";
}
