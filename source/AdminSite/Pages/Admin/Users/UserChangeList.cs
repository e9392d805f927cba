using System.Linq.Expressions;
using AdminSite.Data;
using AdminSite.Identity;
using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.EntityFrameworkCore;

namespace AdminSite.Pages.Admin.Users;

/// <summary>
/// The users changelist's search, filters and ordering, from its query string: shared by the page, its CSV
/// export and its "select all" actions, so they all act on exactly what the list shows (all pages of it).
/// </summary>
/// <remarks>
/// At a million users the same matches can be read two ways, and each is fast only where the other is slow:
/// <see cref="FindAsync"/> starts from the most selective index (search, group, a filter) and sorts what it
/// finds, which is quick for a few thousand rows; <see cref="Walk"/> reads the index of the sort order and keeps
/// the rows that match, which fills a page quickly when many rows match. The changelist counts through the
/// first and pages through whichever the count says.
/// </remarks>
public sealed class UserChangeList
{
    public const string StaffFilter = "is_staff__exact";
    public const string SuperuserFilter = "is_superuser__exact";
    public const string ActiveFilter = "is_active__exact";
    public const string GroupFilter = "groups__id__exact";

    public static readonly string[] FilterKeys = [StaffFilter, SuperuserFilter, ActiveFilter, GroupFilter];

    public static readonly IReadOnlyList<string> Columns = ["Username", "Email address", "First name", "Last name", "Staff status"];

    private readonly bool? _staff;
    private readonly bool? _superuser;
    private readonly bool? _active;
    private readonly string? _groupId;

    public UserChangeList(ChangeListQuery query)
    {
        _staff = Flag(query, StaffFilter);
        _superuser = Flag(query, SuperuserFilter);
        _active = Flag(query, ActiveFilter);
        _groupId = query[GroupFilter] is { Length: > 0 } groupId ? groupId : null;
        Terms = query.SearchTerms();
        Sort = SortOrder.Parse(query[ChangeListQuery.Order], Columns.Count);
    }

    public IReadOnlyList<string> Terms { get; }

    public SortOrder Sort { get; }

    /// <summary>Whether anything narrows the list (a nonsense filter value does not).</summary>
    public bool IsFiltered => _staff is not null || _superuser is not null || _active is not null || _groupId is not null || Terms.Count > 0;

    /// <summary>
    /// Every match, found from the most selective index there is: the search index (SQLite), the trigram indexes
    /// (PostgreSQL, <see cref="PostgresSearchLookup"/>; <see cref="PostgresPairLookup"/> for terms too short for
    /// them), the group's members, or a filter's index. Sorting them is the caller's, and cheap only when they are few.
    /// </summary>
    public async Task<Matches> FindAsync(AdminDbContext db, CancellationToken cancellationToken)
    {
        var candidates = db.Database.IsSqlite() ? await UserSearchIndex.CandidatesAsync(db, Terms, cancellationToken) : null;
        var users = candidates?.Users ?? (db.Database.IsNpgsql() ? await PostgresPairLookup.CandidatesAsync(db, Terms, cancellationToken) : null);
        var throughSearchIndex = users is not null;
        var byGroup = users is null && _groupId is not null;
        if (byGroup)
        {
            var groupId = _groupId;
            users = from member in db.UserRoles
                    where member.RoleId == groupId
                    join user in db.Users on member.UserId equals user.Id
                    select user;
        }

        var found = (users ?? db.Users).Where(Predicate(db, includeGroup: !byGroup));
        if (db.Database.IsNpgsql() && await PostgresSearchLookup.ForAsync(db, Terms, cancellationToken) is { } lookup)
        {
            found = found.Where(lookup);
            throughSearchIndex = true;
        }

        return new Matches(found, throughSearchIndex) { SearchIndex = candidates };
    }

    /// <summary>
    /// One page of the list. Up to <see cref="ResultCounts.ExactUpTo"/> matches are sorted; more are read in order
    /// along the sort column's index, which ends as soon as the page is full when matches are spread along that
    /// order. Search matches may instead bunch up far down it ("user5" matches nothing before user500000): then a
    /// short walk that does not fill the page gives way to sorting everything the search index found, unless it
    /// found matches thinly spread, which a longer walk collects, or the list is in name order on SQLite, where a
    /// walk can start at the search index's first candidate.
    /// </summary>
    public async Task<List<T>> ReadPageAsync<T>(
        AdminDbContext db, Matches? matches, ResultCounts counts, Paginator paginator, Expression<Func<AdminUser, T>> row, CancellationToken cancellationToken)
    {
        Task<List<T>> Read(IQueryable<AdminUser> users) =>
            users.AsNoTracking().Skip(paginator.Skip).Take(paginator.PerPage).Select(row).ToListAsync(cancellationToken);

        if (counts.Matching == 0)
        {
            return [];
        }

        if (matches is not null && counts.Kind == CountKind.Exact)
        {
            return await Read(Order(Apart(db, matches.Users)));
        }

        if (matches is null || !matches.ThroughSearchIndex)
        {
            return paginator.Skip >= DeepPage && db.Database.IsNpgsql() ? await ReadDeepAsync(db, paginator, row, cancellationToken) : await Read(Walk(db));
        }

        // More than ExactUpTo match, so a page within the first ExactUpTo rows is full unless the walk ran out.
        if (paginator.Skip + paginator.PerPage <= ResultCounts.ExactUpTo)
        {
            var window = paginator.Skip + ShortWalk;
            var walked = await Read(Walk(db, window));
            if (walked.Count == paginator.PerPage)
            {
                return walked;
            }

            // Matches spread thinly along the order (one in 100: "ada lovelace") fill the page in a longer walk,
            // which costs less than sorting them all. None at all means they lie elsewhere, and only sorting finds them.
            if (walked.Count > 0 && LongerWalk(paginator, window, walked.Count) is { } longer)
            {
                walked = await Read(Walk(db, longer));
                if (walked.Count == paginator.PerPage)
                {
                    return walked;
                }
            }
        }

        // In name order no match comes before the search index's first candidate, so a walk can start there: "user5"
        // matches bunch from user5 on, half a million names down (a page took 526 ms sorted at a million users).
        if (matches.SearchIndex is { } searchIndex && Sort.Columns is [(1, var descending)]
            && await UserSearchIndex.FirstUserNameAsync(db, searchIndex, descending, cancellationToken) is { } first)
        {
            var fromFirst = await Read(Walk(db, paginator.Skip + ShortWalk, first));
            if (fromFirst.Count == paginator.PerPage)
            {
                return fromFirst;
            }
        }

        return await Read(Order(Apart(db, matches.Users)));
    }

    /// <summary>
    /// The matches as a subquery of their own on PostgreSQL (OFFSET 0 keeps the planner from merging it): told that a
    /// page of them is wanted in name order, its planner would walk the name index and check each row, as it takes
    /// the matches to be spread evenly along it; "user5" then read 500,001 rows (1.7 s at a million users) where
    /// finding its matches from the trigram indexes and sorting them took 285 ms.
    /// </summary>
    private static IQueryable<AdminUser> Apart(AdminDbContext db, IQueryable<AdminUser> matches) =>
        db.Database.IsNpgsql() ? matches.Skip(0) : matches;

    /// <summary>
    /// A page at least this far down the walk is read in two steps on PostgreSQL (<see cref="ReadDeepAsync"/>).
    /// Nearer the start the skipped rows cost less than the second query. SQLite skips rows cheaply and was slower
    /// in two steps (p=5000 at a million users: 68 ms against 21 ms), so it reads deep pages in one.
    /// </summary>
    internal const int DeepPage = 10_000;

    /// <summary>
    /// A page far down the walk: first the user names of its rows, then those rows. Skipping half a million rows
    /// costs most where each is read from the table only to be thrown away (PostgreSQL visits every one to check it
    /// is visible: 311 ms a page at <c>p=5000</c>, 112 ms in two steps); the user names alone come from the sort
    /// column's index, which holds them, so only the page's rows are read from the table.
    /// </summary>
    private async Task<List<T>> ReadDeepAsync<T>(
        AdminDbContext db, Paginator paginator, Expression<Func<AdminUser, T>> row, CancellationToken cancellationToken)
    {
        var names = Walk(db).Skip(paginator.Skip).Take(paginator.PerPage).Select(u => u.UserName);
        // A join, not Contains: EF Core writes Contains of a nullable column as a correlated EXISTS, run for every user.
        var rows = db.Users.Join(names, u => u.UserName, name => name, (u, _) => u);
        return await Order(rows).AsNoTracking().Select(row).ToListAsync(cancellationToken);
    }

    /// <summary>Rows a short walk reads past the page's start: a few milliseconds, enough where one match in 50 rows matches.</summary>
    private const int ShortWalk = 5_000;

    /// <summary>
    /// The most rows a longer walk reads. At a million users a walk reads about 2 µs a row and sorting the search
    /// index's matches costs about 8 µs a match: "ada lovelace" (10,000 matches) took 61 ms with a walk of 20,000
    /// rows, against 94 ms sorted.
    /// </summary>
    private const int LongestWalk = 25_000;

    /// <summary>
    /// Twice the rows the page needs at the density the short walk found (the window held the page's start and
    /// <paramref name="found"/> more), or null past <see cref="LongestWalk"/>.
    /// </summary>
    private static int? LongerWalk(Paginator paginator, int window, int found)
    {
        var rows = 2L * (paginator.Skip + paginator.PerPage) * window / (paginator.Skip + found);
        return rows <= LongestWalk ? (int)rows : null;
    }

    /// <summary>
    /// Every match, in <see cref="Sort"/>'s order, read along the sort column's index so that a page ends as soon
    /// as it is full; from <paramref name="fromUserName"/> on where given (a list in name order only). On SQLite
    /// the index is named: its planner prefers any index that an equality can use (a flag's, say) and would then
    /// sort every match of the flag before returning the first page.
    /// </summary>
    public IQueryable<AdminUser> Walk(AdminDbContext db, int? rowsAtMost = null, string? fromUserName = null)
    {
        var users = db.Database.IsSqlite() ? UserSortIndex.ReadThrough(db, Sort.Columns[0].Column) : db.Users;
        if (fromUserName is not null)
        {
            users = Sort.Columns[0].Descending
                ? users.Where(u => string.Compare(u.UserName, fromUserName) <= 0)
                : users.Where(u => string.Compare(u.UserName, fromUserName) >= 0);
        }

        if (rowsAtMost is { } limit)
        {
            users = Order(users).Take(limit);
        }

        return Order(users.Where(Predicate(db, includeGroup: true)));
    }

    /// <summary>
    /// The sort order, then the user name where no column asked for it, in the direction of the last column: each
    /// column's index then serves both directions without a sort. The user name is unique (Identity keeps
    /// NormalizedUserName, made from it, unique), so every row has one place and pages neither repeat nor skip.
    /// </summary>
    public IQueryable<AdminUser> Order(IQueryable<AdminUser> users)
    {
        IOrderedQueryable<AdminUser>? ordered = null;
        foreach (var (column, descending) in Sort.Columns)
        {
            ordered = column switch
            {
                1 => users.SortBy(ordered, u => u.UserName, descending),
                2 => users.SortBy(ordered, u => u.Email, descending),
                3 => users.SortBy(ordered, u => u.FirstName, descending),
                4 => users.SortBy(ordered, u => u.LastName, descending),
                _ => users.SortBy(ordered, u => u.IsStaff, descending),
            };
        }

        return Sort.Of(1) is null ? users.SortBy(ordered, u => u.UserName, Sort.Columns[^1].Descending) : ordered!;
    }

    private Expression<Func<AdminUser, bool>> Predicate(AdminDbContext db, bool includeGroup)
    {
        Expression<Func<AdminUser, bool>> predicate = _ => true;
        if (_staff is { } staff)
        {
            predicate = predicate.AndAlso(u => u.IsStaff == staff);
        }

        if (_superuser is { } superuser)
        {
            predicate = predicate.AndAlso(u => u.IsSuperuser == superuser);
        }

        if (_active is { } active)
        {
            predicate = predicate.AndAlso(u => u.IsActive == active);
        }

        if (includeGroup && _groupId is { } groupId)
        {
            predicate = predicate.AndAlso(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == groupId));
        }

        return predicate.AndAlso(UserSearch.Matches(Terms, postgreSql: db.Database.IsNpgsql()));
    }

    private static bool? Flag(ChangeListQuery query, string key) => query[key] switch
    {
        "1" => true,
        "0" => false,
        _ => null,
    };

    /// <summary>
    /// Every match (<see cref="FindAsync"/>), whether a search index found them (SQLite's, PostgreSQL's pair index, or
    /// its trigram indexes asked for the rarest parts of a term), and SQLite's candidates from its search index.
    /// </summary>
    public sealed record Matches(IQueryable<AdminUser> Users, bool ThroughSearchIndex)
    {
        internal UserSearchIndex.Candidates? SearchIndex { get; init; }
    }
}
