using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Production;

/// <summary>
/// Hands a new production batch to the production centre, which ignores a batch it already has. Its change is
/// written by the outbox's unit of work, with the message's own.
/// </summary>
public sealed class HandOffProductionBatchHandler(IProductionBatchStore batches, ProductionExport export, IProductionCentre centre, TimeProvider time)
{
    public async Task HandleAsync(HandOffBatch command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var batch = await batches.FindAsync(command.BatchId, cancellationToken) ?? throw new InvalidOperationException($"Production batch {command.BatchId} does not exist.");
        if (batch.HandedOffAt is not null)
        {
            return;
        }

        var (csv, lines) = await export.BuildAsync(batch, cancellationToken);
        await centre.SubmitBatchAsync(batch.BatchNumber, csv, lines, cancellationToken);
        batch.MarkHandedOff(time.GetUtcNow());
    }
}
