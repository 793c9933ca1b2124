using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Production;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfProductionBatchStore(IdReissueDbContext db) : IProductionBatchStore
{
    public Task<ProductionBatch?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.ProductionBatches.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);

    public async Task<IReadOnlyList<ProductionBatch>> LatestAsync(IReadOnlyCollection<string>? regionIds, int count, CancellationToken cancellationToken) =>
        await db.ProductionBatches.AsNoTracking().Where(b => regionIds == null || regionIds.Contains(b.RegionId))
            .OrderByDescending(b => b.CreatedAt).Take(count).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReissueApplication>> ReadyForProductionAsync(string regionId, int count, CancellationToken cancellationToken) =>
        await db.Applications.Include(a => a.Transitions)
            .Where(a => a.RegionId == regionId && a.State == ApplicationState.Approved)
            .Where(a => a.HolderDeniedAt == null || a.HolderDenialClearedAt != null)
            .OrderBy(a => a.CreatedAt).Take(count).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReissueApplication>> ReadApplicationsOfAsync(Guid batchId, CancellationToken cancellationToken) =>
        await db.Applications.AsNoTracking().Where(a => a.ProductionBatchId == batchId).ToListAsync(cancellationToken);

    public void Add(ProductionBatch batch) => db.ProductionBatches.Add(batch);
}
