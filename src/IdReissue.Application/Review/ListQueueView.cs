using System.Text.Json;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Review;

/// <summary>One of the workbench's queues, always within the officer's regions (an officer of several may name one of theirs), of one case if given.</summary>
public sealed record ListQueueView(OfficerScope Officer, QueueView Queue, string? Region, ReissueCase? Case);

/// <summary>The queue's applications and the day they were listed on (what "overdue" is measured against).</summary>
public sealed record QueueViewItems(DateOnly Today, IReadOnlyList<ReissueApplication> Applications);

public sealed class ListQueueViewHandler(IReviewReadModel reads, IBorderlinePhotos borderline, TimeProvider time)
{
    /// <summary>The most a queue lists: the earliest due.</summary>
    public const int Longest = 500;

    public async Task<Result<QueueViewItems>> HandleAsync(ListQueueView query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var region = query.Officer.Regions.Narrowed(query.Region);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var applications = await reads.ReadQueueAsync(query.Queue, region, query.Case, today, Longest, cancellationToken);
        if (query.Queue == QueueView.Borderline)
        {
            applications = await BorderlineAsync(applications, cancellationToken);
        }

        return new QueueViewItems(today, applications);
    }

    private async Task<IReadOnlyList<ReissueApplication>> BorderlineAsync(IReadOnlyList<ReissueApplication> underReview, CancellationToken cancellationToken)
    {
        var photos = underReview.Where(a => a.PhotoId != null).Select(a => a.PhotoId!.Value).ToList();
        var measuresByPhoto = await reads.ReadPhotoMeasuresAsync(photos, cancellationToken);
        return [.. underReview.Where(a => a.PhotoId is { } photo && measuresByPhoto.TryGetValue(photo, out var json)
            && borderline.IsBorderline(a.RegionId, JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? []))];
    }
}
