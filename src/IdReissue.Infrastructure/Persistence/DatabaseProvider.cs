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
    /// <remarks>
    /// No retrying execution strategy on PostgreSQL: it buffers every result and cost a third of the
    /// progress query's throughput (docs/BENCHMARKS.md). A transient failure fails the request instead;
    /// clients retry commands with their idempotency key and the outbox retries background work.
    /// </remarks>
    public static DbContextOptionsBuilder UseIdReissueDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(WithPreparedStatements(connectionString), npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations)),
            _ => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations)),
        };

    /// <summary>Lets Npgsql prepare the statements it sees repeatedly (the hot queries), unless the connection string says otherwise.</summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 50;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
