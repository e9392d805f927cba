using AdminSite.Commands;

namespace AdminSite.Tests.Infrastructure;

/// <summary>A terminal with the user's answers typed in advance.</summary>
public sealed class ScriptedConsole(params string[] input) : ICommandConsole
{
    private readonly Queue<string> _input = new(input);

    public List<string> Output { get; } = [];

    public List<string> Errors { get; } = [];

    public string AllOutput => string.Join("\n", Output);

    public string AllErrors => string.Join("\n", Errors);

    public string? ReadLine() => _input.TryDequeue(out var line) ? line : null;

    public string? ReadSecret() => ReadLine();

    public void Write(string text) => Output.Add(text);

    public void WriteLine(string text = "") => Output.Add(text);

    public void WriteError(string text) => Errors.Add(text);
}
