using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Production;

namespace IdReissue.Application.Production;

/// <summary>The latest production batches the officer may see.</summary>
public sealed record ListProductionBatches(OfficerScope Officer);

public sealed class ListProductionBatchesHandler(IProductionBatchStore batches)
{
    private const int Shown = 100;

    public Task<IReadOnlyList<ProductionBatch>> HandleAsync(ListProductionBatches query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return batches.LatestAsync(query.Officer.Regions.Filter, Shown, cancellationToken);
    }
}
