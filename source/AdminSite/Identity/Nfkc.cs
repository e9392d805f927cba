using System.IO.Compression;
using System.Text;

namespace AdminSite.Identity;

/// <summary>
/// Unicode normalisation form KC, for user names. The site runs with invariant globalization (no ICU in the
/// image), where <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged, so the tables come
/// with the site: <c>nfkc.txt.gz</c>, each code point's full compatibility decomposition and the canonical
/// compositions, generated from Python's <c>unicodedata</c> (Unicode 14) as its header says.
/// </summary>
/// <remarks>
/// Decomposes each code point, then composes each with the one before it when Unicode has a composite for the
/// pair. That is NFKC for every name but those whose combining marks need reordering, and for precomposed Hangul
/// (kept as typed, which NFKC also does). ASCII is returned as it is, without touching the tables.
/// </remarks>
public static class Nfkc
{
    private static readonly Lazy<(Dictionary<int, int[]> Decompositions, Dictionary<(int, int), int> Compositions)> Tables = new(Load);

    public static string Normalize(string value)
    {
        if (Ascii.IsValid(value))
        {
            return value;
        }

        var (decompositions, compositions) = Tables.Value;
        var output = new List<int>(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (decompositions.TryGetValue(rune.Value, out var parts))
            {
                foreach (var part in parts)
                {
                    Append(part);
                }
            }
            else
            {
                Append(rune.Value);
            }
        }

        var text = new StringBuilder(output.Count);
        foreach (var codePoint in output)
        {
            text.Append(new Rune(codePoint).ToString());
        }

        return text.ToString();

        void Append(int codePoint)
        {
            if (output.Count > 0 && compositions.TryGetValue((output[^1], codePoint), out var composite))
            {
                output[^1] = composite;
            }
            else
            {
                output.Add(codePoint);
            }
        }
    }

    private static (Dictionary<int, int[]>, Dictionary<(int, int), int>) Load()
    {
        using var stream = typeof(Nfkc).Assembly.GetManifestResourceStream("AdminSite.nfkc.txt.gz")
            ?? throw new InvalidOperationException("The embedded resource AdminSite.nfkc.txt.gz is missing.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var decompositions = new Dictionary<int, int[]>();
        var compositions = new Dictionary<(int, int), int>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ');
            switch (fields[0])
            {
                case "D":
                    decompositions[Hex(fields[1])] = fields[2..].Select(Hex).ToArray();
                    break;
                case "C":
                    compositions[(Hex(fields[1]), Hex(fields[2]))] = Hex(fields[3]);
                    break;
            }
        }

        return (decompositions, compositions);
    }

    private static int Hex(string text) => int.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
