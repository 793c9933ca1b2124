using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Review;

/// <summary>
/// What an officer weighs beside an application's data: the photo shown (the accepted one, else the newest
/// submission), the faces to compare (人证比对) and the report of 实人认证. Not audited: the view that shows it is.
/// </summary>
public sealed record GetReviewEvidence(Guid ApplicationId, OfficerScope Officer);

public sealed record ReviewEvidence(ShownPhoto? Photo, RegistryComparison? Faces, FileContent? RealPersonReport);

/// <summary>The submission shown with its image and, when the photo fixer made it, the citizen's original; images of old failed submissions are not kept.</summary>
public sealed record ShownPhoto(SubmittedPhoto Submission, FileContent? Image, byte[]? Original);

/// <summary>The registry photo (人口库照片) and the capture that passed 实人认证, with the model's similarity between them.</summary>
/// <param name="RegistryFaceMissing">The registry photo holds no usable face, so there is no similarity to it.</param>
public sealed record RegistryComparison(byte[]? RegistryPhoto, FileContent? Capture, double? CaptureToRegistry, bool RegistryFaceMissing);

public sealed class GetReviewEvidenceHandler(OfficerApplications applications, IReviewEvidence evidence, IRegistryPhotos registry, IFaceVerification faces)
{
    /// <summary>The code <see cref="IFaceVerification"/> refuses with when the registry photo holds no usable face.</summary>
    private const string RegistryPhotoUnavailable = "registry_photo_unavailable";

    public async Task<Result<ReviewEvidence>> HandleAsync(GetReviewEvidence query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.FindAsync(query.ApplicationId, query.Officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        var submission = await evidence.ReadSubmissionAsync(application.Id, application.PhotoId, cancellationToken);
        var photo = submission is null ? null : await ShownAsync(application.Id, submission, cancellationToken);
        var capture = await evidence.ReadNewestFileAsync(application.Id, StoredFileKind.FaceCapture, cancellationToken);
        var compared = capture is null && submission is null ? null : await CompareAsync(application.CitizenId, capture, cancellationToken);
        var report = await evidence.ReadNewestFileAsync(application.Id, StoredFileKind.RealPersonReport, cancellationToken);
        return new ReviewEvidence(photo, compared, report);
    }

    private async Task<ShownPhoto> ShownAsync(Guid applicationId, SubmittedPhoto submission, CancellationToken cancellationToken)
    {
        var image = await evidence.ReadFileAsync(applicationId, submission.FileId, cancellationToken);
        var original = image is not null && submission.OriginalFileId is { } originalId
            ? (await evidence.ReadFileAsync(applicationId, originalId, cancellationToken))?.Content
            : null;
        return new ShownPhoto(submission, image, original);
    }

    private async Task<RegistryComparison> CompareAsync(string citizenId, FileContent? capture, CancellationToken cancellationToken)
    {
        var registryPhoto = await registry.FindAsync(citizenId, cancellationToken);
        if (capture is null || registryPhoto is null)
        {
            return new RegistryComparison(registryPhoto, capture, null, false);
        }

        try
        {
            var verified = await faces.VerifyAsync(citizenId, capture.Content, cancellationToken);
            return new RegistryComparison(registryPhoto, capture, verified.Outcome == FaceVerificationOutcome.CaptureUnusable ? null : verified.Score, false);
        }
        catch (DomainException e)
        {
            // A registry photo without a usable face: the officer still sees the photos, without that score,
            // and is told why.
            return new RegistryComparison(registryPhoto, capture, null, e.Code == RegistryPhotoUnavailable);
        }
    }
}
