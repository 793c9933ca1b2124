using IdReissue.Application.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IdReissue.Web.Tests;

/// <summary>
/// An officer held one region before they held a set: a database of that time, migrated, keeps each officer's region as a
/// one-element set and "every region" as every region. On SQLite, and on PostgreSQL where IDREISSUE_TEST_POSTGRES is set.
/// </summary>
public sealed class OfficerRegionsMigrationTests : IDisposable
{
    /// <summary>The last migration in which an officer had one <c>RegionId</c>.</summary>
    private const string BeforeRegionSets = "OfficerSsoSubject";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("idreissue-migration-");

    [Fact]
    public async Task An_existing_officers_one_region_becomes_a_set_of_one_and_every_region_stays_every_region()
    {
        await using var db = NewContext();
        try
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeRegionSets);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "Officers" ("Username", "DisplayName", "PasswordHash", "Roles", "RegionId", "Disabled") VALUES ('old-hunan', '老民警', '', 'review', 'hunan', FALSE), ('old-chief', '老局长', '', 'admin', '*', FALSE)""");

            await db.Database.MigrateAsync();

            var officers = new EfOfficerAccountStore(db);
            Assert.Equal(["hunan"], (await officers.FindAsync("old-hunan", CancellationToken.None))!.Regions.Ids);
            Assert.Equal(OfficerRegions.Of(["hunan"]), (await officers.FindAsync("old-hunan", CancellationToken.None))!.Regions);
            Assert.True((await officers.FindAsync("old-chief", CancellationToken.None))!.Regions.IsEvery);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A database of this test's own (a SQLite file, or a new PostgreSQL database), without the service around it:
    /// migrations and officer records need no personal-data keys.</summary>
    private IdReissueDbContext NewContext()
    {
        var postgres = Environment.GetEnvironmentVariable("IDREISSUE_TEST_POSTGRES");
        var options = new DbContextOptionsBuilder<IdReissueDbContext>();
        if (string.IsNullOrEmpty(postgres))
        {
            options.UseIdReissueDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory.FullName, "idreissue.db")}");
        }
        else
        {
            options.UseIdReissueDatabase(DatabaseProvider.PostgreSql,
                new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = $"idreissue_migration_{Guid.NewGuid():N}" }.ConnectionString);
        }

        // The test process has started many hosts, each with its own EF service provider (their protectors are
        // part of their models); this context's provider is one more, so past twenty EF's warning is only logged.
        options.ConfigureWarnings(w => w.Log(CoreEventId.ManyServiceProvidersCreatedWarning));
        return new IdReissueDbContext(options.Options);
    }
}
