using IdReissue.Domain.Applications;
using IdReissue.Domain.Production;

namespace IdReissue.Application.Ports;

/// <summary>Production batches and the applications they take; what is loaded is tracked and written by <see cref="IUnitOfWork"/>.</summary>
public interface IProductionBatchStore
{
    Task<ProductionBatch?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The newest batches of these regions (null: every region).</summary>
    Task<IReadOnlyList<ProductionBatch>> LatestAsync(IReadOnlyCollection<string>? regionIds, int count, CancellationToken cancellationToken);

    /// <summary>The region's approved applications not held by a holder's denial, oldest first, at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<ReissueApplication>> ReadyForProductionAsync(string regionId, int count, CancellationToken cancellationToken);

    /// <summary>The applications in a batch, read for its export.</summary>
    Task<IReadOnlyList<ReissueApplication>> ReadApplicationsOfAsync(Guid batchId, CancellationToken cancellationToken);

    void Add(ProductionBatch batch);
}
