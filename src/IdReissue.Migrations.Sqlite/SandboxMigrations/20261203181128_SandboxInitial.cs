using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.SandboxMigrations
{
    /// <inheritdoc />
    public partial class SandboxInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SandboxPaymentOrders",
                columns: table => new
                {
                    OrderNumber = table.Column<string>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxPaymentOrders", x => x.OrderNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxProductionHandoffs",
                columns: table => new
                {
                    BatchNumber = table.Column<string>(type: "TEXT", nullable: false),
                    Export = table.Column<string>(type: "TEXT", nullable: false),
                    Lines = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxProductionHandoffs", x => x.BatchNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxResidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CitizenIdIndex = table.Column<string>(type: "TEXT", nullable: false),
                    CitizenId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "TEXT", nullable: false),
                    HouseholdDivisionCode = table.Column<string>(type: "TEXT", nullable: false),
                    LastCardIssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastCardIssuingDivisionCode = table.Column<string>(type: "TEXT", nullable: true),
                    FingerprintsRecorded = table.Column<bool>(type: "INTEGER", nullable: false),
                    CardReportedLost = table.Column<bool>(type: "INTEGER", nullable: false),
                    LossReceiptNumber = table.Column<string>(type: "TEXT", nullable: true),
                    HistoricPhotoTakenOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RegistryPhoto = table.Column<string>(type: "TEXT", nullable: true),
                    Profile = table.Column<string>(type: "TEXT", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", nullable: false),
                    PhoneIndex = table.Column<string>(type: "TEXT", nullable: false),
                    HandedOut = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxResidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SandboxShipments",
                columns: table => new
                {
                    TrackingNumber = table.Column<string>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", nullable: false),
                    CollectOnDeliveryFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PickedUpAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InTransitAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxShipments", x => x.TrackingNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxSmsMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<string>(type: "TEXT", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", nullable: false),
                    PhoneIndex = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxSmsMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResidents_CitizenIdIndex",
                table: "SandboxResidents",
                column: "CitizenIdIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResidents_PhoneIndex",
                table: "SandboxResidents",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResidents_Profile_HandedOut",
                table: "SandboxResidents",
                columns: new[] { "Profile", "HandedOut" });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxSmsMessages_MessageId",
                table: "SandboxSmsMessages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxSmsMessages_PhoneIndex",
                table: "SandboxSmsMessages",
                column: "PhoneIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SandboxPaymentOrders");

            migrationBuilder.DropTable(
                name: "SandboxProductionHandoffs");

            migrationBuilder.DropTable(
                name: "SandboxResidents");

            migrationBuilder.DropTable(
                name: "SandboxShipments");

            migrationBuilder.DropTable(
                name: "SandboxSmsMessages");
        }
    }
}
