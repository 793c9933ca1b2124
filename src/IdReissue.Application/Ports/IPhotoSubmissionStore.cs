using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Ports;

/// <summary>Every photo submitted for an application, with its verdict (the image itself only while it is kept).</summary>
public interface IPhotoSubmissionStore
{
    /// <summary>The application's submissions, newest first.</summary>
    Task<IReadOnlyList<PhotoSubmissionSummary>> ReadForApplicationAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>The stored images (with a fixed photo's original) of the application's unused submissions (failed, checked but
    /// never confirmed, or sent back by an officer) after the newest <paramref name="keep"/>, never <paramref name="acceptedPhotoId"/>.</summary>
    Task<IReadOnlyList<Guid>> UnusedPhotoFilesBeyondAsync(Guid applicationId, int keep, Guid? acceptedPhotoId, CancellationToken cancellationToken);

    /// <summary>The application's newest submission, with its verdict; null when none was made.</summary>
    Task<NewestPhotoSubmission?> NewestForApplicationAsync(Guid applicationId, CancellationToken cancellationToken);

    void Add(NewPhotoSubmission submission);
}

/// <summary>A photo as submitted, with the verdict it got; <paramref name="OriginalFileId"/> is the citizen's photo a fixed one was made from.</summary>
public sealed record NewPhotoSubmission(
    string PhotoNumber, Guid ApplicationId, Guid FileId, PortraitVerdict Verdict, string SubmittedBy, DateTimeOffset SubmittedAt, Guid? OriginalFileId);

/// <summary>The newest submission of an application: the one a citizen may confirm when it passed.</summary>
public sealed record NewestPhotoSubmission(Guid FileId, PortraitVerdictKind Verdict, DateTimeOffset SubmittedAt);

/// <summary>One submission as an officer's list shows it; <paramref name="Fixed"/> when the photo fixer made it from the citizen's photo.</summary>
public sealed record PhotoSubmissionSummary(Guid Id, string SubmittedBy, DateTimeOffset SubmittedAt, PortraitVerdictKind Verdict, string ReasonsJson, bool Fixed);
