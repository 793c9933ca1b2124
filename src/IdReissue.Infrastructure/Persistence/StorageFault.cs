using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>What went wrong with the database itself, as opposed to a broken rule or a bug.</summary>
public enum StorageFaultKind
{
    /// <summary>The database cannot be reached or is restarting: nothing was written; the same request later will work.</summary>
    Unreachable,

    /// <summary>The database refuses writes: its disk is full, or it is a read-only standby during a failover.</summary>
    NotWritable,
}

/// <summary>
/// Tells a database outage from any other failure, for both providers, by walking the exception and its
/// causes (EF Core wraps the provider's exception once or twice). Both kinds leave nothing half-written:
/// each command saves once, in one transaction, and a transaction the server never committed is gone.
/// </summary>
public static class StorageFault
{
    // SQLite result codes (https://sqlite.org/rescode.html); extended codes keep the primary code in the low byte.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;

    public static StorageFaultKind? Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Classify(current) is { } kind)
            {
                return kind;
            }
        }

        return null;
    }

    private static StorageFaultKind? Classify(Exception exception) => exception switch
    {
        PostgresException postgres => OfSqlState(postgres.SqlState),
        // Npgsql's own failures (connection refused, the socket closed by a restarting server, a timeout) carry no SQLSTATE.
        NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException => StorageFaultKind.Unreachable,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteFull or SqliteReadOnly or SqliteIoError => StorageFaultKind.NotWritable,
            SqliteBusy or SqliteLocked or SqliteCannotOpen => StorageFaultKind.Unreachable,
            _ => null,
        },
        _ => null,
    };

    // https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static StorageFaultKind? OfSqlState(string sqlState) => sqlState switch
    {
        // disk_full, insufficient_resources, out_of_memory; read_only_sql_transaction (a standby, or default_transaction_read_only).
        "53100" or "53000" or "53200" or "25006" => StorageFaultKind.NotWritable,
        // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down), too_many_connections.
        "57P01" or "57P02" or "57P03" or "53300" => StorageFaultKind.Unreachable,
        // connection_exception and its subclasses.
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFaultKind.Unreachable,
        _ => null,
    };
}
