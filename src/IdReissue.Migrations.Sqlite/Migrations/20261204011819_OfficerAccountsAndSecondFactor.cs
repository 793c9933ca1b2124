using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OfficerAccountsAndSecondFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PendingTotpSecret",
                table: "Officers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SetupExpiresAt",
                table: "Officers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SetupTokenHash",
                table: "Officers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TotpLastTimeStep",
                table: "Officers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TotpSecret",
                table: "Officers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OfficerRecoveryCodes",
                columns: table => new
                {
                    Username = table.Column<string>(type: "TEXT", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficerRecoveryCodes", x => new { x.Username, x.CodeHash });
                    table.ForeignKey(
                        name: "FK_OfficerRecoveryCodes_Officers_Username",
                        column: x => x.Username,
                        principalTable: "Officers",
                        principalColumn: "Username",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_Subject_Kind",
                table: "Sessions",
                columns: new[] { "Subject", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Officers_SetupTokenHash",
                table: "Officers",
                column: "SetupTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficerRecoveryCodes");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_Subject_Kind",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Officers_SetupTokenHash",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "PendingTotpSecret",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "SetupExpiresAt",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "SetupTokenHash",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "TotpLastTimeStep",
                table: "Officers");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                table: "Officers");
        }
    }
}
