using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminSite.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    [ExpandOnlySql("adds the pg_trgm extension and non-unique GIN trigram indexes on AspNetUsers; nothing the previous release reads or writes changes")]
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

            // The search (Pages/Admin/Users/UserSearch) compares upper case with LIKE '%term%': pg_trgm's GIN
            // indexes answer that, on the normalized columns and on upper() of the names, exactly as it queries
            // them. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_AspNetUsers_NormalizedUserName_Trigrams" ON "AspNetUsers" USING gin ("NormalizedUserName" gin_trgm_ops);
                CREATE INDEX "IX_AspNetUsers_NormalizedEmail_Trigrams" ON "AspNetUsers" USING gin ("NormalizedEmail" gin_trgm_ops);
                CREATE INDEX "IX_AspNetUsers_FirstName_Trigrams" ON "AspNetUsers" USING gin (upper("FirstName") gin_trgm_ops);
                CREATE INDEX "IX_AspNetUsers_LastName_Trigrams" ON "AspNetUsers" USING gin (upper("LastName") gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_AspNetUsers_NormalizedUserName_Trigrams";
                DROP INDEX "IX_AspNetUsers_NormalizedEmail_Trigrams";
                DROP INDEX "IX_AspNetUsers_FirstName_Trigrams";
                DROP INDEX "IX_AspNetUsers_LastName_Trigrams";
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
