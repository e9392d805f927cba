namespace BuildEngine;

/// <summary>Values that must never reach a log: secret parameters register here and every log line is masked.</summary>
public static class SecretMasker
{
    private static readonly HashSet<string> Secrets = [];
    private static readonly Lock Gate = new();

    public static void Register(string? secret)
    {
        // Masking a one- or two-letter "secret" would garble every log line and protect nothing.
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
            return;
        lock (Gate)
            Secrets.Add(secret);
    }

    public static string Mask(string text)
    {
        lock (Gate)
        {
            foreach (var secret in Secrets.OrderByDescending(secret => secret.Length))
                text = text.Replace(secret, "*****", StringComparison.Ordinal);
        }
        return text;
    }

    internal static void Clear()
    {
        lock (Gate)
            Secrets.Clear();
    }
}
