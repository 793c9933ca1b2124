using System.Text.Json;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Review;

/// <summary>The officer's day: applications by region and case, photo pass rate and failure reasons, overdue work, background work given up.</summary>
public sealed record GetDayDashboard(OfficerScope Officer);

public sealed class GetDayDashboardHandler(IReviewReadModel reads, TimeProvider time)
{
    private const int TopReasons = 8;

    private const int GivenUpShown = 5;

    public async Task<Result<DayFigures>> HandleAsync(GetDayDashboard query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var everyRegion = query.Officer.Regions.IsEvery;
        var region = query.Officer.Regions.Filter;

        var started = await reads.ReadStartedAsync(region, dayStart, cancellationToken);
        var byRegionAndCase = started.GroupBy(a => (a.RegionId, a.Case)).Select(g => new RegionCaseCount(g.Key.RegionId, g.Key.Case, g.Count()))
            .OrderBy(c => c.Region).ThenBy(c => c.Case).ToList();

        var photos = await reads.ReadPhotoChecksAsync(region, dayStart, cancellationToken);
        var failures = photos.Where(p => p.Verdict != PortraitVerdictKind.Pass)
            .SelectMany(p => JsonSerializer.Deserialize<List<PortraitReason>>(p.ReasonsJson) ?? [])
            .GroupBy(r => r.Code).Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal).Take(TopReasons).ToList();

        var overdue = await reads.CountOverdueAsync(region, today, cancellationToken);
        var toReview = await reads.CountInStateAsync(region, ApplicationState.UnderReview, null, cancellationToken);
        var toProduce = await reads.CountInStateAsync(region, ApplicationState.Approved, null, cancellationToken);
        var delivered = await reads.CountInStateAsync(region, ApplicationState.Delivered, dayStart, cancellationToken);

        // Background work that gave up (a notice not sent, a batch not handed off) waits for a person. Every officer
        // sees how many; only an all-region officer sees which and the error text, which is not region-scoped.
        var givenUp = everyRegion ? await reads.ReadGivenUpTasksAsync(GivenUpShown, cancellationToken) : [];
        var givenUpCount = await reads.CountGivenUpTasksAsync(cancellationToken);
        return new DayFigures(today, started.Count, byRegionAndCase, photos.Count, photos.Count(p => p.Verdict == PortraitVerdictKind.Pass), failures, overdue, toReview, toProduce, delivered,
            givenUpCount, givenUp);
    }
}
