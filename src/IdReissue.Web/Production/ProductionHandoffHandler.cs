using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Production;

/// <summary>Hands a new production batch to the production centre; the centre ignores a batch it already has.</summary>
public sealed class ProductionHandoffHandler(IProductionCentre centre, TimeProvider time) : IOutboxHandler
{
    public const string KindName = "production.handoff";

    public string Kind => KindName;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var batchId = message.Read<HandOffBatch>().BatchId;
        var batch = await db.ProductionBatches.SingleAsync(b => b.Id == batchId, cancellationToken);
        if (batch.HandedOffAt is not null)
        {
            return OutboxOutcome.Done;
        }

        var (csv, lines) = await ProductionExport.BuildAsync(db, batch, cancellationToken);
        await centre.SubmitBatchAsync(batch.BatchNumber, csv, lines, cancellationToken);
        batch.HandedOffAt = time.GetUtcNow();
        return OutboxOutcome.Done;
    }
}

public sealed record HandOffBatch(Guid BatchId);
