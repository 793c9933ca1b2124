using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SandboxOwnContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SandboxPaymentOrders",
                columns: table => new
                {
                    OrderNumber = table.Column<string>(type: "TEXT", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "TEXT", nullable: true)
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
                    CardReportedLost = table.Column<bool>(type: "INTEGER", nullable: false),
                    CitizenId = table.Column<string>(type: "TEXT", nullable: false),
                    CitizenIdIndex = table.Column<string>(type: "TEXT", nullable: false),
                    FingerprintsRecorded = table.Column<bool>(type: "INTEGER", nullable: false),
                    HandedOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    HistoricPhotoTakenOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HouseholdDivisionCode = table.Column<string>(type: "TEXT", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "TEXT", nullable: false),
                    LastCardIssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastCardIssuingDivisionCode = table.Column<string>(type: "TEXT", nullable: true),
                    LossReceiptNumber = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", nullable: false),
                    PhoneIndex = table.Column<string>(type: "TEXT", nullable: false),
                    Profile = table.Column<string>(type: "TEXT", nullable: false),
                    RegistryPhoto = table.Column<string>(type: "TEXT", nullable: true)
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
                    CollectOnDeliveryFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", nullable: false),
                    InTransitAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PickedUpAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", nullable: false)
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
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
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
    }
}
