using System.Security.Claims;
using System.Text.Json;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using IdReissue.Web.Photos;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Review;

/// <summary>The officer's day in numbers: applications by region and case, photo pass rate and failure reasons, overdue work.</summary>
public sealed class DayDashboard(IdReissueDbContext db, OfficerQueues queues, TimeProvider time)
{
    public async Task<DayFigures> ComputeAsync(ClaimsPrincipal officer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var scoped = queues.InScope(officer, null);

        var started = await scoped.Where(a => a.CreatedAt >= dayStart).Select(a => new { a.RegionId, a.Case }).ToListAsync(cancellationToken);
        var byRegionAndCase = started.GroupBy(a => (a.RegionId, a.Case)).Select(g => new RegionCaseCount(g.Key.RegionId, g.Key.Case, g.Count()))
            .OrderBy(c => c.Region).ThenBy(c => c.Case).ToList();

        var photos = await (from s in db.PhotoSubmissions.AsNoTracking()
                            join a in scoped on s.ApplicationId equals a.Id
                            where s.SubmittedAt >= dayStart
                            select new { s.Verdict, s.ReasonsJson }).ToListAsync(cancellationToken);
        var failures = photos.Where(p => p.Verdict != PortraitVerdictKind.Pass)
            .SelectMany(p => JsonSerializer.Deserialize<List<PortraitReason>>(p.ReasonsJson) ?? [])
            .GroupBy(r => r.Code).Select(g => new ReasonCount(g.Key, ReasonLabels.For(g.Key), g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal).Take(8).ToList();

        var overdue = await OfficerQueues.Overdue(scoped, today).CountAsync(cancellationToken);
        var toReview = await scoped.CountAsync(a => a.State == ApplicationState.UnderReview, cancellationToken);
        var toProduce = await scoped.CountAsync(a => a.State == ApplicationState.Approved, cancellationToken);
        var delivered = await scoped.CountAsync(a => a.State == ApplicationState.Delivered && a.UpdatedAt >= dayStart, cancellationToken);

        // Background work that gave up (a notice not sent, a batch not handed off) waits for a person. Every officer
        // sees how many; only an all-region officer sees which and the error text, which is not region-scoped.
        var givenUp = officer.OfficerRegion() != "*" ? new List<GivenUpTask>() : await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null)
            .OrderByDescending(m => m.FailedAt).Take(5).Select(m => new GivenUpTask(m.Kind, m.FailedAt!.Value, m.Attempts, m.LastError)).ToListAsync(cancellationToken);
        var givenUpCount = await db.OutboxMessages.CountAsync(m => m.FailedAt != null, cancellationToken);
        return new DayFigures(today, started.Count, byRegionAndCase, photos.Count, photos.Count(p => p.Verdict == PortraitVerdictKind.Pass), failures, overdue, toReview, toProduce, delivered,
            givenUpCount, givenUp);
    }
}

public sealed record DayFigures(
    DateOnly Day, int Started, IReadOnlyList<RegionCaseCount> ByRegionAndCase, int PhotosChecked, int PhotosPassed, IReadOnlyList<ReasonCount> TopFailures,
    int Overdue, int ToReview, int ToProduce, int DeliveredToday, int GivenUpCount, IReadOnlyList<GivenUpTask> GivenUp)
{
    public double? PassRate => PhotosChecked == 0 ? null : (double)PhotosPassed / PhotosChecked;
}

public sealed record RegionCaseCount(string Region, ReissueCase Case, int Count);

public sealed record ReasonCount(string Code, string Label, int Count);

/// <summary>A background task set aside after its last attempt failed.</summary>
public sealed record GivenUpTask(string Kind, DateTimeOffset FailedAt, int Attempts, string? LastError);
