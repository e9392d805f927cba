using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AdminSite.Bench;

/// <summary>
/// Inserts password-less users straight into the site's SQLite schema (hashing 1000 passwords would take a
/// minute); <c>start</c> continues the numbering, so a database can grow between measurements.
/// </summary>
internal static class Seeder
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Guido", "Radia"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Rossum", "Perlman"];

    public static async Task SeedUsersAsync(string databasePath, int count, int start = 0)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount,
                FirstName, LastName, IsActive, IsStaff, IsSuperuser, DateJoined)
            VALUES ($id, $name, $normalizedName, $email, $normalizedEmail, 0, $stamp, $stamp, 0, 0, 1, 0,
                $first, $last, 1, $staff, 0, $joined)
            """;
        var parameters = new[] { "$id", "$name", "$normalizedName", "$email", "$normalizedEmail", "$stamp", "$first", "$last", "$staff", "$joined" }
            .ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));

        var joined = DateTime.UtcNow.AddYears(-2);
        for (var i = start; i < start + count; i++)
        {
            var name = $"user{i:000000}";
            var email = $"{name}@example.com";
            parameters["$id"].Value = Guid.NewGuid().ToString();
            parameters["$name"].Value = name;
            parameters["$normalizedName"].Value = name.ToUpperInvariant();
            parameters["$email"].Value = email;
            parameters["$normalizedEmail"].Value = email.ToUpperInvariant();
            parameters["$stamp"].Value = Guid.NewGuid().ToString("N");
            parameters["$first"].Value = FirstNames[i % FirstNames.Length];
            parameters["$last"].Value = LastNames[i / FirstNames.Length % LastNames.Length];
            parameters["$staff"].Value = i % 10 == 0 ? 1 : 0;
            parameters["$joined"].Value = joined.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
