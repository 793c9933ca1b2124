using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IdReissue.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL (no server is needed for that).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IdReissueDbContext>
{
    public IdReissueDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<IdReissueDbContext>();
        options.UseIdReissueDatabase(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=design_time");
        return new IdReissueDbContext(options.Options);
    }
}

/// <summary>The same for the sandbox's context (its migrations in SandboxMigrations; see scripts/add-migration.sh --sandbox).</summary>
public sealed class SandboxDesignTimeFactory : IDesignTimeDbContextFactory<SandboxDbContext>
{
    public SandboxDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SandboxDbContext>();
        options.UseSandboxDatabase(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=design_time");
        return new SandboxDbContext(options.Options);
    }
}
