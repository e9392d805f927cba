namespace AdminSite.Commands;

/// <summary>The terminal a command talks to; tests script it.</summary>
public interface ICommandConsole
{
    /// <summary>A line of input, or null at the end of input.</summary>
    string? ReadLine();

    /// <summary>A line typed without echo (passwords), or null at the end of input.</summary>
    string? ReadSecret();

    void Write(string text);

    void WriteLine(string text = "");

    void WriteError(string text);
}

public sealed class SystemCommandConsole : ICommandConsole
{
    public string? ReadLine() => Console.ReadLine();

    public string? ReadSecret()
    {
        // Piped input (scripts, tests) has no keys to hide.
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return text.ToString();
                case ConsoleKey.Backspace:
                    if (text.Length > 0)
                    {
                        text.Length--;
                    }

                    break;
                default:
                    if (key.KeyChar == '\u0004' && text.Length == 0)
                    {
                        return null;
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        text.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }

    public void Write(string text) => Console.Write(text);

    public void WriteLine(string text = "") => Console.WriteLine(text);

    public void WriteError(string text) => Console.Error.WriteLine(text);
}
