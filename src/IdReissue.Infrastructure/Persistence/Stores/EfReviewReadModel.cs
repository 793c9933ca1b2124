using IdReissue.Application.Ports;
using IdReissue.Application.Review;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfReviewReadModel(IdReissueDbContext db) : IReviewReadModel
{
    /// <summary>The states <see cref="ApplicationStateText.IsFinal"/> names, for queries the database can run.</summary>
    private static readonly ApplicationState[] Final = [.. Enum.GetValues<ApplicationState>().Where(s => s.IsFinal())];

    /// <summary>The same rule as <see cref="ReissueApplication.IsOverdue"/>, as a query: the queue's and the dashboard's.</summary>
    public static IQueryable<ReissueApplication> Overdue(IQueryable<ReissueApplication> query, DateOnly today) =>
        query.Where(a => a.DueDate != null && a.DueDate < today && !Final.Contains(a.State));

    public async Task<IReadOnlyList<ReissueApplication>> ReadQueueAsync(
        QueueView queue, IReadOnlyCollection<string>? regionIds, ReissueCase? reissueCase, DateOnly today, int count, CancellationToken cancellationToken)
    {
        var query = InRegions(regionIds);
        if (reissueCase is { } wanted)
        {
            query = query.Where(a => a.Case == wanted);
        }

        // A held application waits in the suspected queue only: nothing in the others can be done with it.
        query = queue == QueueView.Suspected ? query : query.Where(a => a.HolderDeniedAt == null || a.HolderDenialClearedAt != null);
        query = queue switch
        {
            QueueView.Overdue => Overdue(query, today),
            QueueView.Suspected => query.Where(a => a.HolderDeniedAt != null && a.HolderDenialClearedAt == null),
            QueueView.Approved => query.Where(a => a.State == ApplicationState.Approved),
            QueueView.Production => query.Where(a => a.State == ApplicationState.InProduction),
            QueueView.Dispatched => query.Where(a => a.State == ApplicationState.Dispatched),
            _ => query.Where(a => a.State == ApplicationState.UnderReview),
        };
        return await query.OrderBy(a => a.DueDate).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> ReadPhotoMeasuresAsync(IReadOnlyCollection<Guid> photoFileIds, CancellationToken cancellationToken) =>
        await db.PhotoSubmissions.AsNoTracking().Where(s => photoFileIds.Contains(s.FileId)).ToDictionaryAsync(s => s.FileId, s => s.MeasuresJson, cancellationToken);

    public async Task<IReadOnlyList<StartedApplication>> ReadStartedAsync(IReadOnlyCollection<string>? regionIds, DateTimeOffset since, CancellationToken cancellationToken) =>
        await InRegions(regionIds).Where(a => a.CreatedAt >= since).Select(a => new StartedApplication(a.RegionId, a.Case)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PhotoCheck>> ReadPhotoChecksAsync(IReadOnlyCollection<string>? regionIds, DateTimeOffset since, CancellationToken cancellationToken) =>
        await (from s in db.PhotoSubmissions.AsNoTracking()
               join a in InRegions(regionIds) on s.ApplicationId equals a.Id
               where s.SubmittedAt >= since
               select new PhotoCheck(s.Verdict, s.ReasonsJson)).ToListAsync(cancellationToken);

    public Task<int> CountOverdueAsync(IReadOnlyCollection<string>? regionIds, DateOnly today, CancellationToken cancellationToken) =>
        Overdue(InRegions(regionIds), today).CountAsync(cancellationToken);

    public Task<int> CountInStateAsync(IReadOnlyCollection<string>? regionIds, ApplicationState state, DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        changedSince is { } since
            ? InRegions(regionIds).CountAsync(a => a.State == state && a.UpdatedAt >= since, cancellationToken)
            : InRegions(regionIds).CountAsync(a => a.State == state, cancellationToken);

    public Task<int> CountGivenUpTasksAsync(CancellationToken cancellationToken) =>
        db.OutboxMessages.CountAsync(m => m.FailedAt != null, cancellationToken);

    public async Task<IReadOnlyList<GivenUpTask>> ReadGivenUpTasksAsync(int count, CancellationToken cancellationToken) =>
        await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt).Take(count)
            .Select(m => new GivenUpTask(m.Kind, m.FailedAt!.Value, m.Attempts, m.LastError)).ToListAsync(cancellationToken);

    private IQueryable<ReissueApplication> InRegions(IReadOnlyCollection<string>? regionIds)
    {
        var query = db.Applications.AsNoTracking();
        return regionIds is null ? query : query.Where(a => regionIds.Contains(a.RegionId));
    }
}
