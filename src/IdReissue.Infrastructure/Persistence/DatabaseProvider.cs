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

    /// <summary>
    /// The sandbox's context (<see cref="Sandbox.SandboxDbContext"/>) on the same database: its migrations in the same
    /// assemblies (folder SandboxMigrations), its own history table, on PostgreSQL in its own schema.
    /// </summary>
    public static DbContextOptionsBuilder UseSandboxDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(WithPreparedStatements(connectionString), SandboxOnPostgreSql),
            _ => options.UseSqlite(connectionString, SandboxOnSqlite),
        };

    /// <summary>The sandbox's context on an open connection of the service's, to share its transaction.</summary>
    public static DbContextOptionsBuilder UseSandboxDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, System.Data.Common.DbConnection connection) =>
        provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(connection, SandboxOnPostgreSql),
            _ => options.UseSqlite(connection, SandboxOnSqlite),
        };

    private static void SandboxOnPostgreSql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(PostgreSqlMigrations).MigrationsHistoryTable(Sandbox.SandboxDbContext.MigrationsHistoryTable, Sandbox.SandboxDbContext.Schema);

    private static void SandboxOnSqlite(Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsAssembly(SqliteMigrations).MigrationsHistoryTable(Sandbox.SandboxDbContext.MigrationsHistoryTable);

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
