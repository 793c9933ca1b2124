using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Production;

namespace IdReissue.Application.Production;

/// <summary>Hand the region's approved applications to the production centre as one batch; an officer of several regions
/// names one of theirs (an officer of one region always batches that one, whatever is named).</summary>
public sealed record CreateProductionBatch(OfficerScope Officer, string? Region);

/// <summary>The batch and the application numbers it took.</summary>
public sealed record ProductionBatchCreated(ProductionBatch Batch, IReadOnlyList<string> ApplicationNumbers);

public sealed class CreateProductionBatchHandler(
    IProductionBatchStore batches, IRegionPolicies regions, IAuditLog audit, IOutbox outbox, IUnitOfWork unitOfWork, TimeProvider time)
{
    public const string HandOffKind = "production.handoff";

    public async Task<Result<ProductionBatchCreated>> HandleAsync(CreateProductionBatch command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // A region the officer does not hold reads as no region named: refused as unknown, never batched.
        var region = regions.PolicyOf(command.Officer.Regions.OnlyOne ?? (command.Officer.MaySee(command.Region ?? string.Empty) ? command.Region : null));
        var now = time.GetUtcNow();

        // One held application must not block the region's batch: it waits for its officer instead.
        var approved = await batches.ReadyForProductionAsync(region.Id, ProductionBatch.MaxSize, cancellationToken);
        var batch = ProductionBatch.Start(region, approved, command.Officer.Username, now);
        batches.Add(batch);
        audit.Record(command.Officer.Actor, "production.batch", batch.BatchNumber, $"{approved.Count} applications");
        outbox.Enqueue(HandOffKind, new HandOffBatch(batch.Id), now, deduplicationKey: $"handoff:{batch.Id:N}");
        await unitOfWork.SaveAsync(cancellationToken);
        return new ProductionBatchCreated(batch, [.. approved.Select(a => a.ApplicationNumber)]);
    }
}

/// <summary>Outbox work: hand a new batch to the production centre.</summary>
public sealed record HandOffBatch(Guid BatchId);
