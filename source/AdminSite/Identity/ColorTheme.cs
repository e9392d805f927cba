namespace AdminSite.Identity;

/// <summary>The admin's colour scheme; <see cref="Auto"/> follows the browser's <c>prefers-color-scheme</c>.</summary>
public enum ColorTheme
{
    Auto,
    Light,
    Dark,
}

public static class ColorThemes
{
    /// <summary>The value of the page's <c>data-theme</c> attribute, which the stylesheet keys on.</summary>
    public static string AttributeValue(this ColorTheme theme) => theme switch
    {
        ColorTheme.Light => "light",
        ColorTheme.Dark => "dark",
        _ => "auto",
    };

    public static bool TryParse(string? value, out ColorTheme theme)
    {
        theme = value switch
        {
            "light" => ColorTheme.Light,
            "dark" => ColorTheme.Dark,
            "auto" => ColorTheme.Auto,
            _ => (ColorTheme)(-1),
        };
        return Enum.IsDefined(theme);
    }
}
