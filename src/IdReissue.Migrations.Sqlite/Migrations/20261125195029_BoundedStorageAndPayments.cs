using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BoundedStorageAndPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ReceivedNotifications",
                table: "ReceivedNotifications");

            migrationBuilder.AddColumn<long>(
                name: "SizeBytes",
                table: "Files",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddPrimaryKey(
                name: "PK_ReceivedNotifications",
                table: "ReceivedNotifications",
                columns: new[] { "Source", "NotificationId" });

            // Files stored before sizes were recorded count with their sealed size (a few bytes more).
            migrationBuilder.Sql("""UPDATE "Files" SET "SizeBytes" = length("Content");""");

            // Two pending orders of one application (two tabs, before this index) keep the newest; if the other
            // is still paid at its gateway, settlement treats that payment as one to refund.
            migrationBuilder.Sql("""
                UPDATE "PaymentOrders" SET "State" = 'Closed', "Version" = "Version" + 1
                WHERE "State" = 'Pending' AND EXISTS (
                    SELECT 1 FROM "PaymentOrders" newer
                    WHERE newer."ApplicationId" = "PaymentOrders"."ApplicationId" AND newer."State" = 'Pending'
                      AND (newer."CreatedAt" > "PaymentOrders"."CreatedAt"
                           OR (newer."CreatedAt" = "PaymentOrders"."CreatedAt" AND newer."OrderNumber" > "PaymentOrders"."OrderNumber")));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_ApplicationId_Pending",
                table: "PaymentOrders",
                column: "ApplicationId",
                unique: true,
                filter: "\"State\" = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ReceivedNotifications",
                table: "ReceivedNotifications");

            migrationBuilder.DropIndex(
                name: "IX_PaymentOrders_ApplicationId_Pending",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "SizeBytes",
                table: "Files");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ReceivedNotifications",
                table: "ReceivedNotifications",
                column: "NotificationId");
        }
    }
}
