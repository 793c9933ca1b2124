using IdReissue.Application.Review;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Ports;

/// <summary>
/// The officers' workbench read for showing, never tracked: its queues and the day's figures. A null set of regions is
/// every region; the caller has already narrowed it to the officer's own.
/// </summary>
public interface IReviewReadModel
{
    /// <summary>
    /// The queue's applications, earliest due first, at most <paramref name="count"/>; a held application only in
    /// <see cref="QueueView.Suspected"/>, and <see cref="QueueView.Borderline"/> reads as every application under review.
    /// </summary>
    Task<IReadOnlyList<ReissueApplication>> ReadQueueAsync(
        QueueView queue, IReadOnlyCollection<string>? regionIds, ReissueCase? reissueCase, DateOnly today, int count, CancellationToken cancellationToken);

    /// <summary>The measures (as JSON) of the submissions whose photo is one of <paramref name="photoFileIds"/>, by photo.</summary>
    Task<IReadOnlyDictionary<Guid, string>> ReadPhotoMeasuresAsync(IReadOnlyCollection<Guid> photoFileIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<StartedApplication>> ReadStartedAsync(IReadOnlyCollection<string>? regionIds, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The verdicts of the photos submitted since <paramref name="since"/> for the region's applications.</summary>
    Task<IReadOnlyList<PhotoCheck>> ReadPhotoChecksAsync(IReadOnlyCollection<string>? regionIds, DateTimeOffset since, CancellationToken cancellationToken);

    Task<int> CountOverdueAsync(IReadOnlyCollection<string>? regionIds, DateOnly today, CancellationToken cancellationToken);

    /// <summary>Applications in <paramref name="state"/>, with <paramref name="changedSince"/> only those changed since then.</summary>
    Task<int> CountInStateAsync(IReadOnlyCollection<string>? regionIds, ApplicationState state, DateTimeOffset? changedSince, CancellationToken cancellationToken);

    /// <summary>Background tasks set aside after their last attempt failed, in every region (they are not region-scoped).</summary>
    Task<int> CountGivenUpTasksAsync(CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="count"/> of them, most recently failed first.</summary>
    Task<IReadOnlyList<GivenUpTask>> ReadGivenUpTasksAsync(int count, CancellationToken cancellationToken);
}

public sealed record StartedApplication(string RegionId, ReissueCase Case);

public sealed record PhotoCheck(PortraitVerdictKind Verdict, string ReasonsJson);

/// <summary>A background task set aside after its last attempt failed.</summary>
public sealed record GivenUpTask(string Kind, DateTimeOffset FailedAt, int Attempts, string? LastError);
