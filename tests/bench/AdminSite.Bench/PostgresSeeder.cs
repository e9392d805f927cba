using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AdminSite.Bench;

/// <summary>The same users as <see cref="Seeder"/>, into the site's PostgreSQL schema with binary COPY.</summary>
internal static class PostgresSeeder
{
    public static async Task<TimeSpan> SeedUsersAsync(string connectionString, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var group = new NpgsqlCommand(
            """INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES ($1, $2, $3, $4)""", connection))
        {
            group.Parameters.Add(new NpgsqlParameter { Value = SeedUsers.GroupId });
            group.Parameters.Add(new NpgsqlParameter { Value = SeedUsers.GroupName });
            group.Parameters.Add(new NpgsqlParameter { Value = SeedUsers.GroupName.ToUpperInvariant() });
            group.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString("N") });
            await group.ExecuteNonQueryAsync();
        }

        var members = new List<string>();
        await using (var users = await connection.BeginBinaryImportAsync("""
            COPY "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp",
                "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "FirstName", "LastName", "IsActive", "IsStaff", "IsSuperuser", "DateJoined") FROM STDIN (FORMAT BINARY)
            """))
        {
            var done = 0;
            foreach (var i in SeedUsers.InsertionOrder(0, count))
            {
                var row = SeedUsers.For(i);
                await users.StartRowAsync();
                await users.WriteAsync(row.Id, NpgsqlDbType.Text);
                await users.WriteAsync(row.UserName, NpgsqlDbType.Varchar);
                await users.WriteAsync(row.NormalizedUserName, NpgsqlDbType.Varchar);
                await users.WriteAsync(row.Email, NpgsqlDbType.Varchar);
                await users.WriteAsync(row.NormalizedEmail, NpgsqlDbType.Varchar);
                await users.WriteAsync(false, NpgsqlDbType.Boolean);
                await users.WriteAsync(row.Stamp, NpgsqlDbType.Text);
                await users.WriteAsync(row.Stamp, NpgsqlDbType.Text);
                await users.WriteAsync(false, NpgsqlDbType.Boolean);
                await users.WriteAsync(false, NpgsqlDbType.Boolean);
                await users.WriteAsync(true, NpgsqlDbType.Boolean);
                await users.WriteAsync(0, NpgsqlDbType.Integer);
                await users.WriteAsync(row.FirstName, NpgsqlDbType.Varchar);
                await users.WriteAsync(row.LastName, NpgsqlDbType.Varchar);
                await users.WriteAsync(row.IsActive, NpgsqlDbType.Boolean);
                await users.WriteAsync(row.IsStaff, NpgsqlDbType.Boolean);
                await users.WriteAsync(row.IsSuperuser, NpgsqlDbType.Boolean);
                await users.WriteAsync(row.DateJoined, NpgsqlDbType.TimestampTz);
                if (row.InGroup)
                {
                    members.Add(row.Id);
                }

                SeedUsers.Progress(++done, count, clock);
            }

            await users.CompleteAsync();
        }

        await using (var roles = await connection.BeginBinaryImportAsync("""COPY "AspNetUserRoles" ("UserId", "RoleId") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var id in members)
            {
                await roles.WriteRowAsync(default, id, SeedUsers.GroupId);
            }

            await roles.CompleteAsync();
        }

        // A bulk load leaves no statistics until autovacuum comes round; a database that has lived has them.
        await using (var analyze = new NpgsqlCommand("""VACUUM ANALYZE "AspNetUsers", "AspNetUserRoles" """, connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return clock.Elapsed;
    }
}
