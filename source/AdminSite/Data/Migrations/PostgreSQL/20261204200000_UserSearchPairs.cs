using AdminSite.Data.SchemaCompatibility;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminSite.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    [ExpandOnlySql("adds an immutable function and a non-unique GIN index on AspNetUsers; nothing the previous release reads or writes changes")]
    public partial class UserSearchPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pg_trgm cannot answer LIKE '%ZZ%': a term of one or two characters has no trigram, so a search made only
            // of such terms read every user (0.7 s for "zz" at a million). Every character and every pair of neighbours
            // of the four searched values, in one GIN index, finds the users holding such a term
            // (Pages/Admin/Users/PostgresPairLookup, which writes the same expression). The function is SQL only, so
            // every writer keeps the index without knowing of it; GIN drops the repeated elements itself. PARALLEL
            // RESTRICTED, though it is safe: the planner takes the index to find 0.5% of the users for a pair it has no
            // statistics of, and for that many it started two workers, 5 ms of a search that took 7 ms (1 ms without).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION "UserSearchPairs"(text) RETURNS text[]
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL RESTRICTED
                    AS $$ SELECT string_to_array($1, NULL) || ARRAY(SELECT substr($1, i, 2) FROM generate_series(1, length($1) - 1) AS i) $$;
                """);

            // Built CONCURRENTLY, outside the migration's transaction: for a million users 73 s, and 56 s as a plain CREATE
            // INDEX, which would stop every write to AspNetUsers for that long (a user edited, a failed sign-in counted),
            // the previous release's too.
            // A build cut short (the pod killed) leaves an invalid index of this name, which the next attempt drops.
            migrationBuilder.Sql("""DROP INDEX CONCURRENTLY IF EXISTS "IX_AspNetUsers_SearchPairs";""", suppressTransaction: true);
            migrationBuilder.Sql("""
                CREATE INDEX CONCURRENTLY "IX_AspNetUsers_SearchPairs" ON "AspNetUsers" USING gin ((
                    coalesce("UserSearchPairs"("NormalizedUserName"), '{}') || coalesce("UserSearchPairs"("NormalizedEmail"), '{}')
                    || coalesce("UserSearchPairs"(upper("FirstName")), '{}') || coalesce("UserSearchPairs"(upper("LastName")), '{}')));
                """, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_AspNetUsers_SearchPairs";
                DROP FUNCTION "UserSearchPairs"(text);
                """);
        }
    }
}
