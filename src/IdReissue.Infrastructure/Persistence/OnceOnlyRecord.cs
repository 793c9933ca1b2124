using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>
/// Records that something was answered, once on every node: the (source, id) key of the received notifications
/// lets exactly one of two concurrent answers in. Saved on a context of its own, so nothing else rides along.
/// </summary>
public static class OnceOnlyRecord
{
    /// <summary>True when this call recorded it; false when it was recorded before (or by a concurrent call).</summary>
    public static async Task<bool> TryRecordAsync(IDbContextFactory<IdReissueDbContext> dbFactory, ReceivedNotification record)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(record);

        // Not cancelled half-way: an answer that was judged must stay recorded as used.
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ReceivedNotifications.Add(record);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
