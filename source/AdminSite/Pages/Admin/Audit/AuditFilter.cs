using System.Globalization;
using System.Linq.Expressions;
using AdminSite.Audit;
using AdminSite.Authorization;
using AdminSite.Pages.Admin.ChangeLists;

namespace AdminSite.Pages.Admin.Audit;

/// <summary>The audit browser's filters, from its query string; shared by the page and its CSV export.</summary>
public sealed class AuditFilter
{
    public const string ActorKey = "actor";
    public const string TypeKey = "type";
    public const string ActionKey = "action";
    public const string FromKey = "from";
    public const string ToKey = "to";

    public static readonly IReadOnlyList<string> Keys = [ActorKey, TypeKey, ActionKey, FromKey, ToKey];

    private AuditFilter()
    {
    }

    public string Actor { get; private init; } = "";

    public string? ObjectType { get; private init; }

    public AuditAction? Action { get; private init; }

    /// <summary>First day shown, inclusive (UTC).</summary>
    public DateOnly? From { get; private init; }

    /// <summary>Last day shown, inclusive (UTC).</summary>
    public DateOnly? To { get; private init; }

    /// <summary>Values that could not be read, by key: the page says so instead of silently ignoring them.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private init; } = new Dictionary<string, string>();

    public static AuditFilter Parse(ChangeListQuery query)
    {
        var errors = new Dictionary<string, string>();
        var type = query[TypeKey] is { Length: > 0 } t ? t : null;
        if (type is not null && AdminModel.Find(type) is null)
        {
            errors[TypeKey] = "Select a valid object type.";
            type = null;
        }

        AuditAction? action = null;
        if (query[ActionKey] is { Length: > 0 } a)
        {
            if (int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && Enum.IsDefined((AuditAction)value))
            {
                action = (AuditAction)value;
            }
            else
            {
                errors[ActionKey] = "Select a valid action.";
            }
        }

        return new AuditFilter
        {
            Actor = query[ActorKey]?.Trim() ?? "",
            ObjectType = type,
            Action = action,
            From = Date(query, FromKey, errors),
            To = Date(query, ToKey, errors),
            Errors = errors,
        };
    }

    public Expression<Func<AuditEntry, bool>> Predicate()
    {
        Expression<Func<AuditEntry, bool>> predicate = _ => true;
        if (Actor.Length > 0)
        {
            var upper = Actor.ToUpperInvariant();
            predicate = predicate.AndAlso(e => e.ActorUserName.ToUpper() == upper);
        }

        if (ObjectType is { } type)
        {
            predicate = predicate.AndAlso(e => e.ObjectType == type);
        }

        if (Action is { } action)
        {
            predicate = predicate.AndAlso(e => e.Action == action);
        }

        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            predicate = predicate.AndAlso(e => e.ActionTime >= start);
        }

        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            predicate = predicate.AndAlso(e => e.ActionTime < end);
        }

        return predicate;
    }

    private static DateOnly? Date(ChangeListQuery query, string key, Dictionary<string, string> errors)
    {
        if (query[key] is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[key] = "Enter a valid date (YYYY-MM-DD).";
        return null;
    }
}
