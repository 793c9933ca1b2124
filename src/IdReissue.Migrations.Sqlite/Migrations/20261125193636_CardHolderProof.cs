using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CardHolderProof : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_CitizenIdIndex",
                table: "ApplicantAccounts");

            migrationBuilder.AddColumn<long>(
                name: "IdentityProvenAt",
                table: "ApplicantAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvenCitizenIdIndex",
                table: "ApplicantAccounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Accounts whose holder already passed face verification keep their identity exclusively.
            migrationBuilder.Sql("""
                UPDATE "ApplicantAccounts" SET
                    "IdentityProvenAt" = (SELECT MIN(a."FaceVerifiedAt") FROM "Applications" a
                        WHERE a."AccountId" = "ApplicantAccounts"."Id" AND a."CitizenIdIndex" = "ApplicantAccounts"."CitizenIdIndex"),
                    "ProvenCitizenIdIndex" = "CitizenIdIndex"
                WHERE "CitizenIdIndex" IS NOT NULL
                  AND EXISTS (SELECT 1 FROM "Applications" a WHERE a."AccountId" = "ApplicantAccounts"."Id"
                      AND a."CitizenIdIndex" = "ApplicantAccounts"."CitizenIdIndex" AND a."FaceVerifiedAt" IS NOT NULL);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_CitizenIdIndex",
                table: "ApplicantAccounts",
                column: "CitizenIdIndex");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_ProvenCitizenIdIndex",
                table: "ApplicantAccounts",
                column: "ProvenCitizenIdIndex",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_CitizenIdIndex",
                table: "ApplicantAccounts");

            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_ProvenCitizenIdIndex",
                table: "ApplicantAccounts");

            migrationBuilder.DropColumn(
                name: "IdentityProvenAt",
                table: "ApplicantAccounts");

            migrationBuilder.DropColumn(
                name: "ProvenCitizenIdIndex",
                table: "ApplicantAccounts");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_CitizenIdIndex",
                table: "ApplicantAccounts",
                column: "CitizenIdIndex",
                unique: true);
        }
    }
}
