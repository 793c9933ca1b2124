using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IdReissue.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite (see scripts/add-migration.sh).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IdReissueDbContext>
{
    public IdReissueDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IdReissueDbContext>();
        options.UseIdReissueDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new IdReissueDbContext(options.Options);
    }
}
