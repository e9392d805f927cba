namespace BuildEngine;

/// <summary>
/// A rule an input must follow, declared next to the tool or target whose grammar it is (a digest in the image
/// record, a duration next to helm) and attached to targets with <c>.Validates(() => Member, rule)</c>.
/// </summary>
/// <param name="Description">What a good value is, completing "must be ...": "a Go duration such as 90s, 5m or 1h30m".</param>
/// <param name="Problem">Null when the value follows the rule; otherwise what is wrong with it ("" when the description says it all).</param>
public sealed record ValueRule<T>(string Description, Func<T, string?> Problem)
{
    /// <summary>A rule that is a plain yes or no: the description says what was expected.</summary>
    public static ValueRule<T> Matching(string description, Func<T, bool> isValid) =>
        new(description, value => isValid(value) ? null : "");
}
