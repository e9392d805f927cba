namespace AdminSite.Identity;

/// <summary>
/// What a person types at a two-factor prompt: six digits from the authenticator app, or one of the
/// recovery codes ("ABCDE-12345"). The login step and the two-factor settings page take either in one field.
/// </summary>
public static class TwoFactorCode
{
    // Each authenticator code works once, so "already used" is part of the message: the fix is to wait for the next one.
    public const string Invalid = "That code is not valid, or was already used. Enter the next code from your authenticator app, or an unused recovery code.";

    /// <summary>The code without the spaces people type (or paste) between its groups.</summary>
    public static string WithoutSpaces(string typed) => string.Concat(typed.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Six digits come from the app; anything else can only be a recovery code.</summary>
    public static bool IsAuthenticatorCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);
}
