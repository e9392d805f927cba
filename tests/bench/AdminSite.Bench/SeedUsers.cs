using System.Globalization;

namespace AdminSite.Bench;

/// <summary>
/// The users the bench seeds, the same on SQLite and PostgreSQL: user000000, user000001... (six digits, so
/// <c>?q=user5</c> matches a tenth of a million); every 10th is staff, every 25th inactive, every 100,000th a
/// superuser, every 100th a member of <see cref="GroupName"/>; ten first and ten last names, so "ada lovelace"
/// matches one in a hundred.
/// </summary>
internal static class SeedUsers
{
    public const string GroupId = "00000000-0000-4000-8000-00000000b001";
    public const string GroupName = "bench";

    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Guido", "Radia"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Rossum", "Perlman"];

    private static readonly DateTime FirstJoined = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Row(
        string Id, string UserName, string Email, string Stamp, string FirstName, string LastName,
        bool IsActive, bool IsStaff, bool IsSuperuser, DateTime DateJoined, bool InGroup)
    {
        public string NormalizedUserName => UserName.ToUpperInvariant();

        public string NormalizedEmail => Email.ToUpperInvariant();

        public string DateJoinedText => DateJoined.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static Row For(int i)
    {
        var name = $"user{i:000000}";
        return new Row(
            Guid.NewGuid().ToString(), name, $"{name}@example.com", Guid.NewGuid().ToString("N"),
            FirstNames[i % FirstNames.Length], LastNames[i / FirstNames.Length % LastNames.Length],
            IsActive: i % 25 != 0, IsStaff: i % 10 == 0, IsSuperuser: i % 100_000 == 1, FirstJoined.AddMinutes(i), InGroup: i % 100 == 0);
    }

    /// <summary>
    /// The numbers start..start+count-1 in a scrambled but fixed order: a real table holds its users in sign-up
    /// order, which has nothing to do with their names, and planners that stop early (LIMIT) must not be helped
    /// by names that happen to lie in the table in name order.
    /// </summary>
    public static IEnumerable<int> InsertionOrder(int start, int count)
    {
        // k -> k * step mod count visits every number once when step and count have no common factor.
        long step = 7_919;
        while (count > 1 && Gcd(step, count) != 1)
        {
            step++;
        }

        for (long k = 0; k < count; k++)
        {
            yield return start + (int)(k * step % count);
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>A progress line every so often: seeding a million users takes a while.</summary>
    public static void Progress(int done, int count, System.Diagnostics.Stopwatch clock)
    {
        if (done % 200_000 == 0 && done < count)
        {
            Console.WriteLine($"  {done:N0} of {count:N0} users seeded ({clock.Elapsed.TotalSeconds:F0} s)");
        }
    }
}
