using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IdReissue.Migrations.PostgreSql.SandboxMigrations
{
    /// <inheritdoc />
    public partial class SandboxInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sandbox");

            migrationBuilder.CreateTable(
                name: "SandboxPaymentOrders",
                schema: "sandbox",
                columns: table => new
                {
                    OrderNumber = table.Column<string>(type: "text", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxPaymentOrders", x => x.OrderNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxProductionHandoffs",
                schema: "sandbox",
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
                schema: "sandbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CitizenIdIndex = table.Column<string>(type: "text", nullable: false),
                    CitizenId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    HouseholdNumber = table.Column<string>(type: "text", nullable: false),
                    HouseholdDivisionCode = table.Column<string>(type: "text", nullable: false),
                    LastCardIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastCardIssuingDivisionCode = table.Column<string>(type: "text", nullable: true),
                    FingerprintsRecorded = table.Column<bool>(type: "boolean", nullable: false),
                    CardReportedLost = table.Column<bool>(type: "boolean", nullable: false),
                    LossReceiptNumber = table.Column<string>(type: "text", nullable: true),
                    HistoricPhotoTakenOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RegistryPhoto = table.Column<string>(type: "text", nullable: true),
                    Profile = table.Column<string>(type: "text", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: false),
                    PhoneIndex = table.Column<string>(type: "text", nullable: false),
                    HandedOut = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxResidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SandboxShipments",
                schema: "sandbox",
                columns: table => new
                {
                    TrackingNumber = table.Column<string>(type: "text", nullable: false),
                    Reference = table.Column<string>(type: "text", nullable: false),
                    DivisionCode = table.Column<string>(type: "text", nullable: false),
                    CollectOnDeliveryFen = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PickedUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InTransitAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxShipments", x => x.TrackingNumber);
                });

            migrationBuilder.CreateTable(
                name: "SandboxSmsMessages",
                schema: "sandbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<string>(type: "text", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: false),
                    PhoneIndex = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxSmsMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResidents_CitizenIdIndex",
                schema: "sandbox",
                table: "SandboxResidents",
                column: "CitizenIdIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResidents_PhoneIndex",
                schema: "sandbox",
                table: "SandboxResidents",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_SandboxResidents_Profile_HandedOut",
                schema: "sandbox",
                table: "SandboxResidents",
                columns: new[] { "Profile", "HandedOut" });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxSmsMessages_MessageId",
                schema: "sandbox",
                table: "SandboxSmsMessages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxSmsMessages_PhoneIndex",
                schema: "sandbox",
                table: "SandboxSmsMessages",
                column: "PhoneIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SandboxPaymentOrders",
                schema: "sandbox");

            migrationBuilder.DropTable(
                name: "SandboxProductionHandoffs",
                schema: "sandbox");

            migrationBuilder.DropTable(
                name: "SandboxResidents",
                schema: "sandbox");

            migrationBuilder.DropTable(
                name: "SandboxShipments",
                schema: "sandbox");

            migrationBuilder.DropTable(
                name: "SandboxSmsMessages",
                schema: "sandbox");
        }
    }
}
