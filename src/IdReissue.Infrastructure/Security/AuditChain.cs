using System.Globalization;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IdReissue.Infrastructure.Security;

/// <summary>
/// The tamper-evident audit log. Entries are numbered without gaps and each carries HMAC-SM3, under a key
/// kept outside the database, of its content ‖ the previous entry's MAC: changing, deleting or inserting
/// a row breaks the chain, and someone with only database access cannot compute the MACs that would
/// repair it (a plain hash chain they could simply recompute). Cutting entries off the end is caught by
/// the anchors (<see cref="AuditAnchors"/>). Writers take the chain's lock inside their own transaction
/// (PostgreSQL: an advisory lock; SQLite: its single writer), so nodes appending at once still form one
/// chain, and an entry is written with the change it records or not at all.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long LockId = 7_274_010_001;

    public static bool HasNewEntries(IdReissueDbContext db) => db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added);

    /// <summary>
    /// Before a save that adds entries (<see cref="Persistence.ProtectedSave"/>): takes the chain's lock inside the
    /// save's transaction, beginning one unless one is open, and numbers and MACs the new entries after the head.
    /// Returns the transaction it began, for the save path to commit after the write (and dispose, rolling back,
    /// if the write fails), or null when the caller's own transaction holds the lock.
    /// </summary>
    public static async Task<IDbContextTransaction?> ChainNewEntriesAsync(IdReissueDbContext db, AuditChainKey key, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await LockAsync(db, cancellationToken);

            var head = await HeadAsync(db, cancellationToken);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? Genesis;
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
            {
                // PostgreSQL keeps microseconds: the MAC covers the instant as it will read back.
                entry.At = new DateTimeOffset(entry.At.UtcTicks - entry.At.UtcTicks % 10, TimeSpan.Zero);
                entry.Sequence = ++sequence;
                entry.PreviousHash = previous;
                entry.Hash = MacOf(entry, key);
                previous = entry.Hash;
            }

            return transaction;
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The newest entry's sequence and MAC (what an anchor records), or null for an empty chain.</summary>
    public static async Task<AuditHead?> HeadAsync(IdReissueDbContext db, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new AuditHead(a.Sequence!.Value, a.Hash!)).FirstOrDefaultAsync(cancellationToken);

    public static string MacOf(AuditEntry entry, AuditChainKey key) => key.ChainMac(CanonicalText(entry));

    /// <summary>How entries were hashed before the chain was keyed (plain SM3); only `rekey-audit` still accepts it.</summary>
    public static string LegacyHashOf(AuditEntry entry) => Sm3.HashHex(CanonicalText(entry));

    private static string CanonicalText(AuditEntry entry) => string.Join('\n',
        entry.Sequence?.ToString(CultureInfo.InvariantCulture), entry.PreviousHash, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
        entry.Actor, entry.Action, entry.Target, entry.Detail ?? string.Empty);

    /// <summary>
    /// Walks the chain from the first entry and names the first entry that does not hold: a gap in the
    /// numbering, a broken link, a MAC that does not match, or an entry taken out of the chain (its
    /// sequence cleared). Then holds the chain against the anchors: an anchored entry must still exist
    /// with the MAC the anchor recorded, so entries cut off the end are found too.
    /// </summary>
    public static async Task<AuditChainReport> VerifyAsync(IdReissueDbContext db, AuditChainKey key, IReadOnlyList<AuditAnchor> anchors, CancellationToken cancellationToken)
    {
        var anchored = anchors.GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        var expectedSequence = 1L;
        var previous = Genesis;
        var checkedCount = 0L;
        long? firstChainedId = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            firstChainedId ??= entry.Id;
            if (entry.Sequence != expectedSequence)
            {
                return new AuditChainReport(checkedCount, expectedSequence, entry.Id, $"第{expectedSequence}条缺失（下一条现存的是第{entry.Sequence}条），记录被删除");
            }

            if (entry.PreviousHash != previous)
            {
                return new AuditChainReport(checkedCount, entry.Sequence, entry.Id, "与上一条的链接不符，前面的记录被删除或替换");
            }

            if (MacOf(entry, key) != entry.Hash)
            {
                return new AuditChainReport(checkedCount, entry.Sequence, entry.Id, entry.Sequence == 1 && LegacyHashOf(entry) == entry.Hash
                    ? "仍是旧版（无密钥的SM3）审计链，请先运行 security rekey-audit 升级"
                    : "内容与其HMAC-SM3校验值不符，该记录被篡改（或审计密钥配置错误）");
            }

            if (anchored.TryGetValue(entry.Sequence!.Value, out var anchorsHere) && anchorsHere.FirstOrDefault(a => a.Head != entry.Hash) is { } differs)
            {
                return new AuditChainReport(checkedCount, entry.Sequence, entry.Id, $"与{ChinaTime(differs.At)}的锚点记录不符，该记录被替换");
            }

            previous = entry.Hash!;
            expectedSequence++;
            checkedCount++;
        }

        var last = expectedSequence - 1;
        if (anchors.Where(a => a.Sequence > last).MaxBy(a => a.Sequence) is { } beyond)
        {
            return new AuditChainReport(checkedCount, last + 1, null,
                $"日志只到第{last}条，而{ChinaTime(beyond.At)}的锚点记录已有第{beyond.Sequence}条，末尾的记录被截去");
        }

        // Rows from before chaining have no sequence and come first; a later one without a sequence was taken out of the chain.
        if (firstChainedId is { } first && await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null && a.Id > first).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken) is { } unchained)
        {
            return new AuditChainReport(checkedCount, null, unchained.Id, $"id为{unchained.Id}的记录没有序号，被移出了审计链");
        }

        return new AuditChainReport(checkedCount, null, null, null);
    }

    /// <summary>
    /// Upgrades a chain written before it was keyed: checks it under plain SM3 (entries appended after the
    /// upgrade already carry MACs and must all come after the old ones), then replaces every hash with its
    /// HMAC-SM3 under the audit key, in one transaction under the chain's lock. Returns the entries rewritten
    /// and the old head hash (to be recorded), or the problem that stopped it.
    /// </summary>
    public static async Task<AuditRekeyResult> RekeyAsync(IdReissueDbContext db, AuditChainKey key, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        var entries = await db.AuditEntries.Where(a => a.Sequence != null).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        var previous = Genesis;
        var keyedSeen = false;
        var legacyCount = 0;
        var expectedSequence = 1L;
        foreach (var entry in entries)
        {
            var keyed = MacOf(entry, key) == entry.Hash;
            if (entry.Sequence != expectedSequence++ || entry.PreviousHash != previous || (!keyed && (keyedSeen || LegacyHashOf(entry) != entry.Hash)))
            {
                return new AuditRekeyResult(0, null, $"第{entry.Sequence}条不符合旧版或新版审计链，未做任何修改；请先用 verify-audit 调查");
            }

            keyedSeen |= keyed;
            legacyCount += keyed ? 0 : 1;
            previous = entry.Hash!;
        }

        if (legacyCount == 0)
        {
            return new AuditRekeyResult(0, null, null);
        }

        var oldHead = entries[legacyCount - 1].Hash;
        previous = Genesis;
        foreach (var entry in entries)
        {
            entry.PreviousHash = previous;
            entry.Hash = MacOf(entry, key);
            previous = entry.Hash;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuditRekeyResult(entries.Count, oldHead, null);
    }

    /// <summary>Whether the chain starts keyed (or is empty); a chain that does not still needs `rekey-audit`.</summary>
    public static async Task<bool> IsKeyedAsync(IdReissueDbContext db, AuditChainKey key, CancellationToken cancellationToken)
    {
        var first = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        return first is null || MacOf(first, key) == first.Hash;
    }

    private static async Task LockAsync(IdReissueDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
        }
    }

    private static string ChinaTime(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

public sealed record AuditHead(long Sequence, string Hash);

public sealed record AuditChainReport(long EntriesChecked, long? FirstBrokenSequence, long? FirstBrokenId, string? Problem)
{
    public bool Intact => Problem is null;
}

public sealed record AuditRekeyResult(int Rewritten, string? OldHead, string? Problem);
