using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminSite.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [ExpandOnlySql("adds a nullable UserName column to the search index's UserSearchRows, filled from AspNetUsers, and two triggers that keep it in step with every later write, the previous release's too; the previous release reads neither")]
    public partial class UserSearchNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each search candidate's user name, next to its row id (Pages/Admin/Users/UserSearchIndex): the first
            // candidate in name order is then found without reading a user row (at a million users, "user5" has
            // 100,000 candidates, and reading their rows by Id took 320 ms). Added by triggers beside the
            // ChangeListIndexes ones, not in them, so those stay as the previous release created them: a row of
            // UserSearchRows takes its name from the user it was made for, whichever trigger made it, and the
            // update follows the user under either Id when a statement changes both. Filling the column took 12 s
            // for a million users (the bench's file), in the migration's one transaction.
            migrationBuilder.Sql("""
                ALTER TABLE "UserSearchRows" ADD COLUMN "UserName" TEXT;
                CREATE TRIGGER "UserSearchRows_UserName_Insert" AFTER INSERT ON "UserSearchRows" BEGIN
                    UPDATE "UserSearchRows" SET "UserName" = (SELECT "UserName" FROM "AspNetUsers" WHERE "Id" = new."UserId")
                    WHERE "RowId" = new."RowId";
                END;
                CREATE TRIGGER "AspNetUsers_UserSearchRows_UserName" AFTER UPDATE OF "UserName" ON "AspNetUsers"
                WHEN old."UserName" IS NOT new."UserName"
                BEGIN
                    UPDATE "UserSearchRows" SET "UserName" = new."UserName" WHERE "UserId" IN (old."Id", new."Id");
                END;
                UPDATE "UserSearchRows" SET "UserName" = (SELECT "UserName" FROM "AspNetUsers" WHERE "Id" = "UserSearchRows"."UserId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "UserSearchRows_UserName_Insert";
                DROP TRIGGER "AspNetUsers_UserSearchRows_UserName";
                ALTER TABLE "UserSearchRows" DROP COLUMN "UserName";
                """);
        }
    }
}
