using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IdReissue.Infrastructure.Security;

/// <summary>
/// Limits on how often a thing may happen (SMS codes, log-in failures, face checks, uploads). Each step
/// is a single conditional statement, so nodes counting at once never let more through than the limit;
/// the statements bypass the caller's unit of work, so a refused request still counts.
/// </summary>
public sealed class AbuseLimiter(IdReissueDbContext db, TimeProvider time) : IAbuseLimiter
{
    /// <summary>Counts one use; null when allowed, else how long until the window frees up.</summary>
    public async Task<TimeSpan?> HitAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await db.AbuseCounters.Where(c => c.Key == key && c.WindowStartMs > now - windowMs && c.Count < limit)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1).SetProperty(c => c.LastHitMs, now), cancellationToken) == 1)
            {
                return null;
            }

            if (await db.AbuseCounters.Where(c => c.Key == key && c.WindowStartMs <= now - windowMs)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.WindowStartMs, now).SetProperty(c => c.Count, 1).SetProperty(c => c.LastHitMs, now), cancellationToken) == 1)
            {
                return null;
            }

            if (await TryInsertAsync(key, now, cancellationToken))
            {
                return null;
            }

            var counter = await db.AbuseCounters.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, cancellationToken);
            if (counter is not null && counter.WindowStartMs > now - windowMs && counter.Count >= limit)
            {
                return TimeSpan.FromMilliseconds(Math.Max(1000, counter.WindowStartMs + windowMs - now));
            }
        }

        return null;
    }

    /// <summary>Records a failure (log-in) and returns how many there have been in the window.</summary>
    public async Task<int> RecordFailureAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        await HitAsync(key, int.MaxValue, window, cancellationToken);
        return await db.AbuseCounters.AsNoTracking().Where(c => c.Key == key).Select(c => c.Count).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>How long the key stays locked: <paramref name="backOff"/> of the failures so far, counted from the last one.</summary>
    public async Task<TimeSpan?> LockedForAsync(string key, TimeSpan window, Func<int, TimeSpan> backOff, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var counter = await db.AbuseCounters.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (counter is null || counter.WindowStartMs <= now - (long)window.TotalMilliseconds)
        {
            return null;
        }

        // No back-off is no lock, even if a parallel failure was recorded a moment after this request's "now".
        var lockFor = backOff(counter.Count);
        if (lockFor <= TimeSpan.Zero)
        {
            return null;
        }

        var until = counter.LastHitMs + (long)lockFor.TotalMilliseconds;
        return until > now ? TimeSpan.FromMilliseconds(Math.Max(1000, until - now)) : null;
    }

    /// <summary>Gives back one use counted by <see cref="HitAsync"/> (an attempt reserved up front that turned out fine).</summary>
    public Task ReleaseAsync(string key, CancellationToken cancellationToken) =>
        db.AbuseCounters.Where(c => c.Key == key && c.Count > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - 1), cancellationToken);

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        db.AbuseCounters.Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken);

    private async Task<bool> TryInsertAsync(string key, long now, CancellationToken cancellationToken)
    {
        if (await db.AbuseCounters.AsNoTracking().AnyAsync(c => c.Key == key, cancellationToken))
        {
            return false;
        }

        // A separate context: the caller's unit of work must not be saved (or failed) by this insert.
        var options = db.GetService<IDbContextOptions>();
        await using var own = new IdReissueDbContext((DbContextOptions<IdReissueDbContext>)options);
        own.AbuseCounters.Add(new AbuseCounter { Key = key, WindowStartMs = now, Count = 1, LastHitMs = now });
        try
        {
            await own.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
