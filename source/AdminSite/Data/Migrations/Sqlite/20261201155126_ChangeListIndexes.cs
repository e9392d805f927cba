using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminSite.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [ExpandOnlySql("adds the search index: two new tables (UserSearchRows, the FTS5 UserSearch) filled from AspNetUsers, and triggers that keep them in step with every later write to AspNetUsers, the previous release's too, without changing what it reads or writes")]
    public partial class ChangeListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Email_UserName",
                table: "AspNetUsers",
                columns: new[] { "Email", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_FirstName_UserName",
                table: "AspNetUsers",
                columns: new[] { "FirstName", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_IsActive",
                table: "AspNetUsers",
                column: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_IsStaff_UserName",
                table: "AspNetUsers",
                columns: new[] { "IsStaff", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_IsSuperuser",
                table: "AspNetUsers",
                column: "IsSuperuser");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LastName_UserName",
                table: "AspNetUsers",
                columns: new[] { "LastName", "UserName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_UserName",
                table: "AspNetUsers",
                column: "UserName");

            // The search index (Pages/Admin/Users/UserSearchIndex): FTS5 trigrams of the upper-cased searched
            // columns, without positions (detail=none: a fifth of the size; the site checks every candidate
            // anyway). Keyed through UserSearchRows, whose INTEGER PRIMARY KEY survives VACUUM, which may renumber
            // the rowids of AspNetUsers. The triggers keep it in step with whoever writes AspNetUsers (the previous
            // release too); their upper() is the site's Unicode one (SqliteUnicodeFunctions) on its connections.
            migrationBuilder.Sql("""
                CREATE TABLE "UserSearchRows" ("RowId" INTEGER PRIMARY KEY, "UserId" TEXT NOT NULL UNIQUE);
                CREATE VIRTUAL TABLE "UserSearch" USING fts5("UserName", "Email", "FirstName", "LastName",
                    content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 1');
                CREATE TRIGGER "AspNetUsers_UserSearch_Insert" AFTER INSERT ON "AspNetUsers" BEGIN
                    INSERT INTO "UserSearchRows" ("UserId") VALUES (new."Id");
                    INSERT INTO "UserSearch" ("rowid", "UserName", "Email", "FirstName", "LastName")
                    VALUES (last_insert_rowid(), new."NormalizedUserName", new."NormalizedEmail", upper(new."FirstName"), upper(new."LastName"));
                END;
                CREATE TRIGGER "AspNetUsers_UserSearch_Update" AFTER UPDATE OF "Id", "NormalizedUserName", "NormalizedEmail", "FirstName", "LastName" ON "AspNetUsers"
                WHEN old."Id" IS NOT new."Id" OR old."NormalizedUserName" IS NOT new."NormalizedUserName"
                    OR old."NormalizedEmail" IS NOT new."NormalizedEmail" OR old."FirstName" IS NOT new."FirstName" OR old."LastName" IS NOT new."LastName"
                BEGIN
                    UPDATE "UserSearchRows" SET "UserId" = new."Id" WHERE "UserId" = old."Id";
                    DELETE FROM "UserSearch" WHERE "rowid" = (SELECT "RowId" FROM "UserSearchRows" WHERE "UserId" = new."Id");
                    INSERT INTO "UserSearch" ("rowid", "UserName", "Email", "FirstName", "LastName")
                    VALUES ((SELECT "RowId" FROM "UserSearchRows" WHERE "UserId" = new."Id"),
                        new."NormalizedUserName", new."NormalizedEmail", upper(new."FirstName"), upper(new."LastName"));
                END;
                CREATE TRIGGER "AspNetUsers_UserSearch_Delete" AFTER DELETE ON "AspNetUsers" BEGIN
                    DELETE FROM "UserSearch" WHERE "rowid" = (SELECT "RowId" FROM "UserSearchRows" WHERE "UserId" = old."Id");
                    DELETE FROM "UserSearchRows" WHERE "UserId" = old."Id";
                END;
                INSERT INTO "UserSearchRows" ("UserId") SELECT "Id" FROM "AspNetUsers";
                INSERT INTO "UserSearch" ("rowid", "UserName", "Email", "FirstName", "LastName")
                SELECT "r"."RowId", "u"."NormalizedUserName", "u"."NormalizedEmail", upper("u"."FirstName"), upper("u"."LastName")
                FROM "UserSearchRows" AS "r" JOIN "AspNetUsers" AS "u" ON "u"."Id" = "r"."UserId";
                INSERT INTO "UserSearch" ("UserSearch") VALUES ('optimize');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "AspNetUsers_UserSearch_Insert";
                DROP TRIGGER "AspNetUsers_UserSearch_Update";
                DROP TRIGGER "AspNetUsers_UserSearch_Delete";
                DROP TABLE "UserSearch";
                DROP TABLE "UserSearchRows";
                """);

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Email_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_FirstName_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_IsActive",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_IsStaff_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_IsSuperuser",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LastName_UserName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_UserName",
                table: "AspNetUsers");
        }
    }
}
