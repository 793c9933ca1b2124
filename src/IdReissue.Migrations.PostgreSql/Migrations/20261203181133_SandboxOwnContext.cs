using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IdReissue.Migrations.PostgreSql.Migrations
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
                    OrderNumber = table.Column<string>(type: "text", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxPaymentOrders", x => x.OrderNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxProductionHandoffs",
                columns: table => new
                {
                    BatchNumber = table.Column<string>(type: "text", nullable: false),
                    Export = table.Column<string>(type: "text", nullable: false),
                    Lines = table.Column<int>(type: "integer", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxProductionHandoffs", x => x.BatchNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxResidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CardReportedLost = table.Column<bool>(type: "boolean", nullable: false),
                    CitizenId = table.Column<string>(type: "text", nullable: false),
                    CitizenIdIndex = table.Column<string>(type: "text", nullable: false),
                    FingerprintsRecorded = table.Column<bool>(type: "boolean", nullable: false),
                    HandedOut = table.Column<bool>(type: "boolean", nullable: false),
                    HistoricPhotoTakenOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HouseholdDivisionCode = table.Column<string>(type: "text", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "text", nullable: false),
                    LastCardIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastCardIssuingDivisionCode = table.Column<string>(type: "text", nullable: true),
                    LossReceiptNumber = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: false),
                    PhoneIndex = table.Column<string>(type: "text", nullable: false),
                    Profile = table.Column<string>(type: "text", nullable: false),
                    RegistryPhoto = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxResidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SandboxShipments",
                columns: table => new
                {
                    TrackingNumber = table.Column<string>(type: "text", nullable: false),
                    CollectOnDeliveryFen = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DivisionCode = table.Column<string>(type: "text", nullable: false),
                    InTransitAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PickedUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reference = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxShipments", x => x.TrackingNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxSmsMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<string>(type: "text", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: false),
                    PhoneIndex = table.Column<string>(type: "text", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
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
