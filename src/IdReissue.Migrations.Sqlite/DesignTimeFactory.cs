using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox;
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

/// <summary>The same for the sandbox's context (its migrations in SandboxMigrations; see scripts/add-migration.sh --sandbox).</summary>
public sealed class SandboxDesignTimeFactory : IDesignTimeDbContextFactory<SandboxDbContext>
{
    public SandboxDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SandboxDbContext>();
        options.UseSandboxDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SandboxDbContext(options.Options);
    }
}
