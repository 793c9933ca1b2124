using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PhotoFixOriginal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OriginalFileId",
                table: "PhotoSubmissions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OriginalFileId",
                table: "PhotoSubmissions");
        }
    }
}
