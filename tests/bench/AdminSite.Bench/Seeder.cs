using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AdminSite.Bench;

/// <summary>
/// Inserts password-less users straight into the site's SQLite schema (hashing a password per user would take
/// hours at scale): one transaction, one prepared statement per table. <c>start</c> continues the numbering, so
/// a database can grow between measurements.
/// </summary>
internal static class Seeder
{
    public static async Task<TimeSpan> SeedUsersAsync(string databasePath, int count, int start = 0)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        await connection.OpenAsync();
        // The same upper() as the site's connections (SqliteUnicodeFunctions), which the schema's triggers call.
        connection.CreateFunction<string?, string?>("upper", value => value?.ToUpperInvariant(), isDeterministic: true);
        Execute(connection, null, "PRAGMA cache_size = -262144");

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        if (start == 0)
        {
            Execute(connection, transaction, $"""
                INSERT INTO AspNetRoles (Id, Name, NormalizedName, ConcurrencyStamp)
                VALUES ('{SeedUsers.GroupId}', '{SeedUsers.GroupName}', '{SeedUsers.GroupName.ToUpperInvariant()}', '{Guid.NewGuid():N}')
                """);
        }

        using var user = Prepare(connection, transaction, """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount,
                FirstName, LastName, IsActive, IsStaff, IsSuperuser, DateJoined)
            VALUES ($id, $name, $normalizedName, $email, $normalizedEmail, 0, $stamp, $stamp, 0, 0, 1, 0,
                $first, $last, $active, $staff, $superuser, $joined)
            """, "$id", "$name", "$normalizedName", "$email", "$normalizedEmail", "$stamp", "$first", "$last", "$active", "$staff", "$superuser", "$joined");
        using var member = Prepare(connection, transaction, "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $group)", "$user", "$group");
        member.Parameters["$group"].Value = SeedUsers.GroupId;

        var done = 0;
        foreach (var i in SeedUsers.InsertionOrder(start, count))
        {
            var row = SeedUsers.For(i);
            object[] values = [row.Id, row.UserName, row.NormalizedUserName, row.Email, row.NormalizedEmail, row.Stamp,
                row.FirstName, row.LastName, row.IsActive, row.IsStaff, row.IsSuperuser, row.DateJoinedText];
            for (var p = 0; p < values.Length; p++)
            {
                user.Parameters[p].Value = values[p];
            }

            user.ExecuteNonQuery();
            if (row.InGroup)
            {
                member.Parameters["$user"].Value = row.Id;
                member.ExecuteNonQuery();
            }

            SeedUsers.Progress(++done, count, clock);
        }

        await transaction.CommitAsync();
        return clock.Elapsed;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
