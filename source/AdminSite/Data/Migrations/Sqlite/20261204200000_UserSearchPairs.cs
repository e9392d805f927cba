using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminSite.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [ExpandOnlySql("adds a second search index, the FTS5 UserSearchPairs, filled from AspNetUsers, and triggers that keep it in step with every later write, the previous release's too; the previous release reads none of it")]
    public partial class UserSearchPairs : Migration
    {
        /// <summary>
        /// Each searched value with a U+0001 before, between and after its characters, written with SQLite's own
        /// functions so that every writer's triggers can run it: json_each over an array of as many zeros as the value
        /// has characters numbers them (a trigger may not hold a WITH clause). The order is the subquery's ORDER BY, not
        /// group_concat's own (SQLite 3.44+): with that, Debian 12's sqlite3 (3.40) could not read the schema at all.
        /// </summary>
        private static string Spaced(string value) => $"""
            (SELECT char(1) || group_concat("c", char(1)) || char(1) FROM (SELECT substr({value}, "key" + 1, 1) AS "c"
             FROM json_each('[' || substr(replace(hex(zeroblob(length({value}))), '00', ',0'), 2) || ']') ORDER BY "key"))
            """;

        private static string Values(string row) =>
            $"""{Spaced($"{row}.\"NormalizedUserName\"")}, {Spaced($"{row}.\"NormalizedEmail\"")}, {Spaced($"upper({row}.\"FirstName\")")}, {Spaced($"upper({row}.\"LastName\")")}""";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A term of one or two characters has no trigram, so UserSearch cannot find it, and a search made only of
            // such terms read every user (1.2 s for "zz" at a million). Spaced out, each character and each pair of
            // neighbours becomes a trigram of its own ("AZZ" holds U+0001 A U+0001, A U+0001 Z, Z U+0001 Z, ...), so
            // the same FTS5 trigram index finds the users holding either (Pages/Admin/Users/UserSearchIndex). Keyed by
            // UserSearchRows' RowId, as UserSearch is; its triggers sit on UserSearchRows for inserts and deletes, so
            // they run after the row exists and before it is gone, whichever trigger of AspNetUsers made it.
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "UserSearchPairs" USING fts5("UserName", "Email", "FirstName", "LastName",
                    content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 1');
                CREATE TRIGGER "UserSearchRows_UserSearchPairs_Insert" AFTER INSERT ON "UserSearchRows" BEGIN
                    INSERT INTO "UserSearchPairs" ("rowid", "UserName", "Email", "FirstName", "LastName")
                    SELECT new."RowId", {Values("\"u\"")} FROM "AspNetUsers" AS "u" WHERE "u"."Id" = new."UserId";
                END;
                CREATE TRIGGER "UserSearchRows_UserSearchPairs_Delete" AFTER DELETE ON "UserSearchRows" BEGIN
                    DELETE FROM "UserSearchPairs" WHERE "rowid" = old."RowId";
                END;
                CREATE TRIGGER "AspNetUsers_UserSearchPairs_Update" AFTER UPDATE OF "Id", "NormalizedUserName", "NormalizedEmail", "FirstName", "LastName" ON "AspNetUsers"
                WHEN old."Id" IS NOT new."Id" OR old."NormalizedUserName" IS NOT new."NormalizedUserName"
                    OR old."NormalizedEmail" IS NOT new."NormalizedEmail" OR old."FirstName" IS NOT new."FirstName" OR old."LastName" IS NOT new."LastName"
                BEGIN
                    DELETE FROM "UserSearchPairs" WHERE "rowid" IN (SELECT "RowId" FROM "UserSearchRows" WHERE "UserId" IN (old."Id", new."Id"));
                    INSERT INTO "UserSearchPairs" ("rowid", "UserName", "Email", "FirstName", "LastName")
                    SELECT "r"."RowId", {Values("new")} FROM "UserSearchRows" AS "r" WHERE "r"."UserId" IN (old."Id", new."Id");
                END;
                INSERT INTO "UserSearchPairs" ("rowid", "UserName", "Email", "FirstName", "LastName")
                SELECT "r"."RowId", {Values("\"u\"")} FROM "UserSearchRows" AS "r" JOIN "AspNetUsers" AS "u" ON "u"."Id" = "r"."UserId";
                INSERT INTO "UserSearchPairs" ("UserSearchPairs") VALUES ('optimize');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "UserSearchRows_UserSearchPairs_Insert";
                DROP TRIGGER "UserSearchRows_UserSearchPairs_Delete";
                DROP TRIGGER "AspNetUsers_UserSearchPairs_Update";
                DROP TABLE "UserSearchPairs";
                """);
        }
    }
}
