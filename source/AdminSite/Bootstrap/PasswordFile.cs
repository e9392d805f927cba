namespace AdminSite.Bootstrap;

/// <summary>
/// A password kept in a file (a mounted Kubernetes Secret, a file only its owner can read): what the commands and
/// the bootstrap take instead of a command-line argument, which every local user can read in <c>ps</c>.
/// </summary>
public static class PasswordFile
{
    /// <summary>The file's text without one trailing line break (editors and <c>echo</c> add one); <paramref name="setting"/> names it in errors.</summary>
    public static string Read(string path, string setting)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PasswordFileException($"{setting}: the password file '{path}' cannot be read: {e.Message}");
        }

        var password = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return password.Length > 0 ? password : throw new PasswordFileException($"{setting}: the password file '{path}' is empty.");
    }
}

public sealed class PasswordFileException(string message) : Exception(message);
