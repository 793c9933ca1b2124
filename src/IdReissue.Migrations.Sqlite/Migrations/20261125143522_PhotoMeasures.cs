using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PhotoMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MeasuresJson",
                table: "PhotoSubmissions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_PhotoSubmissions_ApplicationId_SubmittedAt",
                table: "PhotoSubmissions",
                columns: new[] { "ApplicationId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PhotoSubmissions_SubmittedAt",
                table: "PhotoSubmissions",
                column: "SubmittedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PhotoSubmissions_ApplicationId_SubmittedAt",
                table: "PhotoSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_PhotoSubmissions_SubmittedAt",
                table: "PhotoSubmissions");

            migrationBuilder.DropColumn(
                name: "MeasuresJson",
                table: "PhotoSubmissions");
        }
    }
}
