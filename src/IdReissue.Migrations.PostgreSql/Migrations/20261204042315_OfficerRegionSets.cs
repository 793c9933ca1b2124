using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OfficerRegionSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An officer now holds a set of regions, stored as "*" or sorted comma-separated ids: an existing account's one
            // region id is already the one-element set, and "*" still means every region, so only the name changes.
            migrationBuilder.RenameColumn(
                name: "RegionId",
                table: "Officers",
                newName: "Regions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // An officer of several regions keeps "a,b", which the older code reads as no known region: they see nothing
            // until given one region again, rather than more than they should.
            migrationBuilder.RenameColumn(
                name: "Regions",
                table: "Officers",
                newName: "RegionId");
        }
    }
}
