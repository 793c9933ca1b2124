using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SmsCodes_Phone_CreatedAt",
                table: "SmsCodes");

            migrationBuilder.DropIndex(
                name: "IX_SandboxSmsMessages_Phone",
                table: "SandboxSmsMessages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SandboxResidents",
                table: "SandboxResidents");

            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_CitizenId",
                table: "ApplicantAccounts");

            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_Phone",
                table: "ApplicantAccounts");

            migrationBuilder.AddColumn<string>(
                name: "ClientIndex",
                table: "SmsCodes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "SmsCodes",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "SandboxSmsMessages",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "Id",
                table: "SandboxResidents",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "CitizenIdIndex",
                table: "SandboxResidents",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "SandboxResidents",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CitizenIdIndex",
                table: "Applications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CitizenIdIndex",
                table: "ApplicantAccounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "ApplicantAccounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SandboxResidents",
                table: "SandboxResidents",
                column: "Id");

            migrationBuilder.CreateTable(
                name: "AbuseCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    WindowStartMs = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    LastHitMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbuseCounters", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MasterKeyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SmsCodes_ClientIndex_CreatedAt",
                table: "SmsCodes",
                columns: new[] { "ClientIndex", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsCodes_PhoneIndex_CreatedAt",
                table: "SmsCodes",
                columns: new[] { "PhoneIndex", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxSmsMessages_PhoneIndex",
                table: "SandboxSmsMessages",
                column: "PhoneIndex");

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
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CitizenIdIndex",
                table: "Applications",
                column: "CitizenIdIndex");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_CitizenIdIndex",
                table: "ApplicantAccounts",
                column: "CitizenIdIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_PhoneIndex",
                table: "ApplicantAccounts",
                column: "PhoneIndex",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AbuseCounters");

            migrationBuilder.DropTable(
                name: "DataKeys");

            migrationBuilder.DropIndex(
                name: "IX_SmsCodes_ClientIndex_CreatedAt",
                table: "SmsCodes");

            migrationBuilder.DropIndex(
                name: "IX_SmsCodes_PhoneIndex_CreatedAt",
                table: "SmsCodes");

            migrationBuilder.DropIndex(
                name: "IX_SandboxSmsMessages_PhoneIndex",
                table: "SandboxSmsMessages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SandboxResidents",
                table: "SandboxResidents");

            migrationBuilder.DropIndex(
                name: "IX_SandboxResidents_CitizenIdIndex",
                table: "SandboxResidents");

            migrationBuilder.DropIndex(
                name: "IX_SandboxResidents_PhoneIndex",
                table: "SandboxResidents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CitizenIdIndex",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_CitizenIdIndex",
                table: "ApplicantAccounts");

            migrationBuilder.DropIndex(
                name: "IX_ApplicantAccounts_PhoneIndex",
                table: "ApplicantAccounts");

            migrationBuilder.DropColumn(
                name: "ClientIndex",
                table: "SmsCodes");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "SmsCodes");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "SandboxSmsMessages");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "SandboxResidents");

            migrationBuilder.DropColumn(
                name: "CitizenIdIndex",
                table: "SandboxResidents");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "SandboxResidents");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "CitizenIdIndex",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "CitizenIdIndex",
                table: "ApplicantAccounts");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "ApplicantAccounts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SandboxResidents",
                table: "SandboxResidents",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_SmsCodes_Phone_CreatedAt",
                table: "SmsCodes",
                columns: new[] { "Phone", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxSmsMessages_Phone",
                table: "SandboxSmsMessages",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_CitizenId",
                table: "ApplicantAccounts",
                column: "CitizenId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantAccounts_Phone",
                table: "ApplicantAccounts",
                column: "Phone",
                unique: true);
        }
    }
}
