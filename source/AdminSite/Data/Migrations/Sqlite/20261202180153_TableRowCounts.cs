using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminSite.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [ExpandOnlySql("adds the TableRowCounts table, its row for AspNetUsers, and triggers that keep it exact on every later insert and delete into AspNetUsers, the previous release's too, without changing what it reads or writes")]
    public partial class TableRowCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TableRowCounts",
                columns: table => new
                {
                    Table = table.Column<string>(type: "TEXT", nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TableRowCounts", x => x.Table);
                });

            // The users changelist's total (Pages/Admin/ChangeLists/ResultCounts) without counting a million rows:
            // the triggers run in each writer's transaction, whoever writes (the previous release too), so the count
            // is exact at every commit; SQLite has one writer at a time, so the row is never contended.
            migrationBuilder.Sql("""
                INSERT INTO "TableRowCounts" ("Table", "Rows") SELECT 'AspNetUsers', count(*) FROM "AspNetUsers";
                CREATE TRIGGER "AspNetUsers_TableRowCounts_Insert" AFTER INSERT ON "AspNetUsers" BEGIN
                    UPDATE "TableRowCounts" SET "Rows" = "Rows" + 1 WHERE "Table" = 'AspNetUsers';
                END;
                CREATE TRIGGER "AspNetUsers_TableRowCounts_Delete" AFTER DELETE ON "AspNetUsers" BEGIN
                    UPDATE "TableRowCounts" SET "Rows" = "Rows" - 1 WHERE "Table" = 'AspNetUsers';
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "AspNetUsers_TableRowCounts_Insert";
                DROP TRIGGER "AspNetUsers_TableRowCounts_Delete";
                """);

            migrationBuilder.DropTable(
                name: "TableRowCounts");
        }
    }
}
