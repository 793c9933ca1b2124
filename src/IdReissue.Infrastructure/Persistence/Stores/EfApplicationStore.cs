using System.Runtime.CompilerServices;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfApplicationStore(IdReissueDbContext db) : IApplicationStore
{
    /// <summary>The hottest read of the service (progress), compiled once so EF Core skips its query cache lookup. A compiled
    /// query belongs to one model, and each host's model carries its own key ring, so it is compiled per model.</summary>
    private static readonly ConditionalWeakTable<IModel, Func<IdReissueDbContext, Guid, Guid, CancellationToken, Task<ReissueApplication?>>> ReadOwnQueries = [];

    public Task<ReissueApplication?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<ReissueApplication?> FindOwnAsync(Guid id, Guid accountId, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == id && a.AccountId == accountId, cancellationToken);

    public Task<ReissueApplication?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<ReissueApplication?> FindByNumberAsync(string applicationNumber, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.ApplicationNumber == applicationNumber, cancellationToken);

    public Task<ReissueApplication?> FindByPhotoNumberAsync(string photoNumber, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.PhotoNumber == photoNumber, cancellationToken);

    public IReadOnlyList<StateCount> CountByState() =>
        [.. db.Applications.GroupBy(a => a.State).Select(g => new { g.Key, Count = g.LongCount() }).AsEnumerable().Select(g => new StateCount(g.Key, g.Count))];

    public Task<ApplicationLabel?> LabelAsync(Guid id, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ApplicationLabel(a.Id, a.ApplicationNumber, a.RegionId)).SingleOrDefaultAsync(cancellationToken);

    public Task<bool> PhotoNumberTakenAsync(string photoNumber, CancellationToken cancellationToken) =>
        db.Applications.AnyAsync(a => a.PhotoNumber == photoNumber, cancellationToken);

    public Task<ReissueApplication?> ReadOwnAsync(Guid id, Guid accountId, CancellationToken cancellationToken) =>
        ReadOwnQueries.GetValue(db.Model, _ => EF.CompileAsyncQuery((IdReissueDbContext context, Guid id, Guid accountId, CancellationToken _) =>
            context.Applications.AsNoTracking().Include(a => a.Transitions).SingleOrDefault(a => a.Id == id && a.AccountId == accountId)))(db, id, accountId, cancellationToken);

    public async Task<IReadOnlyList<ReissueApplication>> ReadAllOfAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await db.Applications.AsNoTracking().Where(a => a.AccountId == accountId).ToListAsync(cancellationToken)).OrderByDescending(a => a.CreatedAt).ToList();

    public Task<bool> AccountHasOpenApplicationAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().AnyAsync(a => a.OpenForAccount == accountId, cancellationToken);

    public Task<bool> OpenProvenApplicationExistsAsync(string citizenId, Guid? exceptId, CancellationToken cancellationToken)
    {
        var index = db.BlindIndex(BlindIndexKinds.CitizenId, citizenId);
        return db.Applications.AnyAsync(
            a => EF.Property<string>(a, PersonalDataColumns.ApplicationCitizenIdIndex) == index && a.OpenForAccount != null && a.FaceVerifiedAt != null && a.Id != exceptId,
            cancellationToken);
    }

    public async Task<IReadOnlyList<ReissueApplication>> ReadQueueAsync(ApplicationState state, bool suspected, IReadOnlyCollection<string>? regionIds, int count, CancellationToken cancellationToken)
    {
        var query = suspected
            ? db.Applications.AsNoTracking().Where(a => a.HolderDeniedAt != null && a.HolderDenialClearedAt == null)
            : db.Applications.AsNoTracking().Where(a => a.State == state && (a.HolderDeniedAt == null || a.HolderDenialClearedAt != null));
        if (regionIds is not null)
        {
            query = query.Where(a => regionIds.Contains(a.RegionId));
        }

        return await query.Take(count).ToListAsync(cancellationToken);
    }

    public Task<ReissueApplication?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken cancellationToken) =>
        db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.TrackingNumber == trackingNumber, cancellationToken);

    public void Add(ReissueApplication application) => db.Applications.Add(application);
}
