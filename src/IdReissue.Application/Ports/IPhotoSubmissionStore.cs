using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Ports;

/// <summary>Every photo submitted for an application, with its verdict (the image itself only while it is kept).</summary>
public interface IPhotoSubmissionStore
{
    /// <summary>The application's submissions, newest first.</summary>
    Task<IReadOnlyList<PhotoSubmissionSummary>> ReadForApplicationAsync(Guid applicationId, CancellationToken cancellationToken);
}

/// <summary>One submission as an officer's list shows it; <paramref name="Fixed"/> when the photo fixer made it from the citizen's photo.</summary>
public sealed record PhotoSubmissionSummary(Guid Id, string SubmittedBy, DateTimeOffset SubmittedAt, PortraitVerdictKind Verdict, string ReasonsJson, bool Fixed);
