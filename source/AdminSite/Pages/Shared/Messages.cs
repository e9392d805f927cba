using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AdminSite.Pages.Shared;

public enum MessageLevel
{
    Success,
    Warning,
    Error,
    Info,
}

public sealed record Message(MessageLevel Level, string Text);

/// <summary>Django's messages framework on TempData: shown once, on the next page rendered.</summary>
public static class Messages
{
    private const string Key = "admin.messages";

    public static void AddMessage(this ITempDataDictionary tempData, MessageLevel level, string text)
    {
        var existing = tempData.Peek(Key) as string[] ?? [];
        tempData[Key] = existing.Append($"{(int)level}|{text}").ToArray();
    }

    public static IReadOnlyList<Message> TakeMessages(this ITempDataDictionary tempData)
    {
        if (tempData[Key] is not string[] stored)
        {
            return [];
        }

        return stored
            .Select(s => s.Split('|', 2))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[0], out _))
            .Select(parts => new Message((MessageLevel)int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]))
            .ToList();
    }
}
