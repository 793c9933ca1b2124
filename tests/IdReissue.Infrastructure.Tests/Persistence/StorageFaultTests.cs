using IdReissue.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IdReissue.Infrastructure.Tests.Persistence;

/// <summary>A database outage is told from a broken rule or a bug by what the provider itself throws.</summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"idreissue-fault-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_write_to_a_read_only_SQLite_database_is_not_writable()
    {
        await using (var writer = new SqliteConnection($"Data Source={_file}"))
        {
            await writer.OpenAsync();
            await Execute(writer, "CREATE TABLE files (content BLOB)");
        }

        await using var reader = new SqliteConnection($"Data Source={_file};Mode=ReadOnly");
        await reader.OpenAsync();
        var refused = await Assert.ThrowsAsync<SqliteException>(() => Execute(reader, "INSERT INTO files VALUES (x'00')"));

        Assert.Equal(StorageFaultKind.NotWritable, StorageFault.Of(new DbUpdateException("saving", refused)));
    }

    [Fact]
    public async Task A_broken_SQLite_rule_is_no_outage()
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await Execute(connection, "CREATE TABLE files (id INTEGER PRIMARY KEY)");
        await Execute(connection, "INSERT INTO files VALUES (1)");
        var duplicate = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, "INSERT INTO files VALUES (1)"));

        Assert.Null(StorageFault.Of(duplicate));
    }

    [Fact]
    public async Task A_PostgreSQL_server_that_is_not_listening_is_unreachable()
    {
        // Port 1 on loopback: nothing listens, the connection is refused as by a stopped server.
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=postgres;Timeout=5;Pooling=false");
        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.Equal(StorageFaultKind.Unreachable, StorageFault.Of(new InvalidOperationException("wrapped by EF Core", refused)));
    }

    [Theory]
    [InlineData("57P01", StorageFaultKind.Unreachable)] // admin_shutdown: the server is restarting
    [InlineData("57P03", StorageFaultKind.Unreachable)] // cannot_connect_now: still starting up
    [InlineData("08006", StorageFaultKind.Unreachable)] // connection_failure
    [InlineData("53300", StorageFaultKind.Unreachable)] // too_many_connections
    [InlineData("53100", StorageFaultKind.NotWritable)] // disk_full
    [InlineData("25006", StorageFaultKind.NotWritable)] // read_only_sql_transaction: a standby after failover
    public void A_PostgreSQL_server_state_is_an_outage(string sqlState, StorageFaultKind kind) =>
        Assert.Equal(kind, StorageFault.Of(new DbUpdateException("saving", new PostgresException("server says", "FATAL", "FATAL", sqlState))));

    [Theory]
    [InlineData("23505")] // unique_violation: a rule, answered by the handler
    [InlineData("40001")] // serialization_failure: a concurrent writer, answered as concurrent_update
    [InlineData("42P01")] // undefined_table: a bug or a missing migration, a 500
    public void A_PostgreSQL_error_of_the_request_itself_is_no_outage(string sqlState) =>
        Assert.Null(StorageFault.Of(new PostgresException("server says", "ERROR", "ERROR", sqlState)));

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
