using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfApplicationStore(IdReissueDbContext db) : IApplicationStore
{
    public Task<ReissueApplication?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<ReissueApplication?> FindOwnAsync(Guid id, Guid accountId, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == id && a.AccountId == accountId, cancellationToken);

    public Task<ApplicationLabel?> LabelAsync(Guid id, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ApplicationLabel(a.Id, a.ApplicationNumber, a.RegionId)).SingleOrDefaultAsync(cancellationToken);

    public Task<bool> PhotoNumberTakenAsync(string photoNumber, CancellationToken cancellationToken) =>
        db.Applications.AnyAsync(a => a.PhotoNumber == photoNumber, cancellationToken);
}
