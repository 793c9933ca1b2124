using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

/// <summary>Each call its own context: a claim is written before the command runs, and the response after, whatever the command's unit of work does.</summary>
public sealed class EfIdempotencyKeys(IDbContextFactory<IdReissueDbContext> dbFactory) : IIdempotencyKeys
{
    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, DateTimeOffset now, TimeSpan abandonedAfter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (existing is not null)
        {
            if (existing.RequestHash != requestHash)
            {
                return new IdempotencyClaim(IdempotencyClaimOutcome.OtherRequest);
            }

            if (existing.StatusCode is { } status)
            {
                return new IdempotencyClaim(IdempotencyClaimOutcome.Replay, new KeptResponse(status, existing.ContentType, existing.ResponseBody, existing.Location));
            }

            // An abandoned key is taken over by one request only: the conditional update lets the first of
            // several retries through and answers the others "in progress".
            if (now - existing.CreatedAt < abandonedAfter
                || await db.IdempotencyRecords.Where(r => r.Key == key && r.StatusCode == null && r.CreatedAt == existing.CreatedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), cancellationToken) == 0)
            {
                return new IdempotencyClaim(IdempotencyClaimOutcome.InProgress);
            }
        }
        else
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, RequestHash = requestHash, CreatedAt = now });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new IdempotencyClaim(IdempotencyClaimOutcome.Claimed);
        }
        catch (DbUpdateException)
        {
            return new IdempotencyClaim(IdempotencyClaimOutcome.InProgress);
        }
    }

    public async Task CompleteAsync(string key, KeptResponse? response, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == key, cancellationToken);
        if (response is null)
        {
            db.IdempotencyRecords.Remove(record);
        }
        else
        {
            record.StatusCode = response.StatusCode;
            record.ContentType = response.ContentType;
            record.ResponseBody = response.Body.ToArray();
            record.Location = response.Location;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
