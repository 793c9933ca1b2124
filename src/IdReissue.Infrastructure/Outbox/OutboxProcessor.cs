using System.Security.Cryptography;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Outbox;

/// <summary>
/// Runs outbox messages on every node. A claim is one UPDATE … RETURNING (with FOR UPDATE SKIP LOCKED
/// on PostgreSQL, so nodes never wait for each other or take the same row) that stamps a lease. A node
/// that dies keeps nothing: its leases run out and another node takes the work. Finishing a message
/// and the handler's own database changes are one SaveChanges, guarded by the lease holder as a
/// concurrency token, so a node that lost its lease cannot also commit.
/// </summary>
public sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    OutboxMetrics metrics,
    TimeProvider time,
    ILogger<OutboxProcessor> logger) : BackgroundService
{
    public string NodeId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(3))}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Keep going while there is a full batch: a backlog drains without waiting for ticks.
                while (await RunOnceAsync(stoppingToken) >= options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
        }
    }

    /// <summary>Claims due messages and runs them; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
            claimed = await ClaimAsync(db, cancellationToken);
        }

        foreach (var id in claimed)
        {
            await RunAsync(id, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>The claim: due, unclaimed (or abandoned) messages get this node's lease, oldest first.
    /// On PostgreSQL rows another node is claiming at the same moment are skipped, not waited for;
    /// SQLite has one writer at a time, so the statement is exclusive there as it is.</summary>
    private const string ClaimSql = """
        UPDATE "OutboxMessages" SET "LockedBy" = {0}, "LockedUntil" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM "OutboxMessages"
            WHERE "ProcessedAt" IS NULL AND "FailedAt" IS NULL AND "AvailableAt" <= {2}
              AND ("LockedUntil" IS NULL OR "LockedUntil" < {2})
            ORDER BY "AvailableAt" LIMIT {3} LOCKING)
        RETURNING "Id" AS "Value"
        """;

    private async Task<List<Guid>> ClaimAsync(IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var postgres = db.Database.IsNpgsql();
        var sql = ClaimSql.Replace("LOCKING", postgres ? "FOR UPDATE SKIP LOCKED" : string.Empty, StringComparison.Ordinal);
        // Instants are timestamptz on PostgreSQL and UTC ticks on SQLite (see IdReissueDbContext).
        object Instant(DateTimeOffset value) => postgres ? value : value.UtcTicks;
        return await db.Database.SqlQueryRaw<Guid>(sql, NodeId, Instant(until), Instant(now), options.Value.BatchSize).ToListAsync(cancellationToken);
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        string kind = "unknown";
        var started = time.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
            kind = message.Kind;
            if (message.LockedBy != NodeId || message.ProcessedAt is not null)
            {
                return;
            }

            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().SingleOrDefault(h => h.Kind == message.Kind)
                ?? throw new InvalidOperationException($"No handler for outbox kind '{message.Kind}'.");
            var outcome = await handler.HandleAsync(message, cancellationToken);
            var now = time.GetUtcNow();
            if (outcome.RunAgainAt is { } again)
            {
                message.AvailableAt = again;
                message.LastError = outcome.Note;
            }
            else
            {
                message.ProcessedAt = now;
            }

            message.LockedBy = null;
            message.LockedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            metrics.Processed(kind, outcome.RunAgainAt is null ? "done" : "again", time.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Processed(kind, "error", time.GetElapsedTime(started));
            await RecordFailureAsync(id, e, cancellationToken);
        }
    }

    private async Task RecordFailureAsync(Guid id, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.LockedBy == NodeId, cancellationToken);
        if (message is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        message.LockedBy = null;
        message.LockedUntil = null;
        var text = $"{error.GetType().Name}: {error.Message}";
        message.LastError = text.Length > 500 ? text[..500] : text;
        var givingUp = message.Attempts >= options.Value.MaxAttempts;
        if (givingUp)
        {
            message.FailedAt = now;
        }
        else
        {
            message.AvailableAt = now + options.Value.RetryDelayAfter(message.Attempts);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Reported once the record says so, so an alert never points at a message still being retried.
        if (givingUp)
        {
            metrics.GaveUp(message.Kind);
            LogGaveUp(logger, message.Kind, message.Id, message.Attempts, error);
        }
        else
        {
            LogRetry(logger, message.Kind, message.Id, message.Attempts, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} {Id} failed (attempt {Attempts}), will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, string kind, Guid id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} {Id} set aside after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string kind, Guid id, int attempts, Exception exception);
}
