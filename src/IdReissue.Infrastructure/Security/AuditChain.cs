using System.Globalization;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Security;

/// <summary>
/// The tamper-evident audit log. Entries are numbered without gaps and each carries SM3(its content ‖ the
/// previous entry's hash), so changing, deleting or inserting a row breaks every hash after it. Writers
/// take the chain's lock inside their own transaction (PostgreSQL: an advisory lock; SQLite: its single
/// writer), so nodes appending at once still form one chain, and an entry is written with the change it
/// records or not at all.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long LockId = 7_274_010_001;

    public static bool HasNewEntries(IdReissueDbContext db) => db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added);

    public static async Task<int> SaveChainedAsync(IdReissueDbContext db, Func<Task<int>> save, CancellationToken cancellationToken)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
        }

        var head = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? Genesis;
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
        {
            // PostgreSQL keeps microseconds: the hash covers the instant as it will read back.
            entry.At = new DateTimeOffset(entry.At.UtcTicks - entry.At.UtcTicks % 10, TimeSpan.Zero);
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = HashOf(entry);
            previous = entry.Hash;
        }

        var written = await save();
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return written;
    }

    public static string HashOf(AuditEntry entry) => Sm3.HashHex(string.Join('\n',
        entry.Sequence?.ToString(CultureInfo.InvariantCulture), entry.PreviousHash, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
        entry.Actor, entry.Action, entry.Target, entry.Detail ?? string.Empty));

    /// <summary>Walks the chain from the first entry; names the first entry that does not hold.</summary>
    public static async Task<AuditChainReport> VerifyAsync(IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var expectedSequence = 1L;
        var previous = Genesis;
        var checkedCount = 0L;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditChainReport(checkedCount, expectedSequence, entry.Id, $"第{expectedSequence}条缺失（下一条现存的是第{entry.Sequence}条），记录被删除");
            }

            if (entry.PreviousHash != previous)
            {
                return new AuditChainReport(checkedCount, entry.Sequence, entry.Id, "与上一条的链接不符，前面的记录被删除或替换");
            }

            if (HashOf(entry) != entry.Hash)
            {
                return new AuditChainReport(checkedCount, entry.Sequence, entry.Id, "内容与其SM3摘要不符，该记录被篡改");
            }

            previous = entry.Hash!;
            expectedSequence++;
            checkedCount++;
        }

        return new AuditChainReport(checkedCount, null, null, null);
    }
}

public sealed record AuditChainReport(long EntriesChecked, long? FirstBrokenSequence, long? FirstBrokenId, string? Problem)
{
    public bool Intact => FirstBrokenSequence is null;
}
