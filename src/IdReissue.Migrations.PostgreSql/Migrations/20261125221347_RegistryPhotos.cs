using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdReissue.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RegistryPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RegistryPhoto",
                table: "SandboxResidents",
                type: "text",
                nullable: true);

            // Residents generated before registry photos: the face profile becomes the photo that gives the same answer.
            migrationBuilder.Sql("UPDATE \"SandboxResidents\" SET \"RegistryPhoto\" = CASE WHEN \"FaceProfile\" = 'NoMatch' THEN 'img26.jpg' ELSE 'img15.jpg' END;");

            migrationBuilder.DropColumn(
                name: "FaceProfile",
                table: "SandboxResidents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegistryPhoto",
                table: "SandboxResidents");

            migrationBuilder.AddColumn<string>(
                name: "FaceProfile",
                table: "SandboxResidents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");
        }
    }
}
