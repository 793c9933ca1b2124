using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>Which database the service runs on: SQLite embedded (the default), PostgreSQL in production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseProviderOptions
{
    public const string SqliteMigrations = "IdReissue.Migrations.Sqlite";
    public const string PostgreSqlMigrations = "IdReissue.Migrations.PostgreSql";

    /// <summary>Configures the provider with its own migrations assembly; the model is the same for both.</summary>
    public static DbContextOptionsBuilder UseIdReissueDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations).EnableRetryOnFailure(3)),
            _ => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations)),
        };
}
