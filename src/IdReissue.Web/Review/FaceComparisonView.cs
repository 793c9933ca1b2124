using IdReissue.Application.Photos;
using IdReissue.Application.Ports;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Portrait.Verification;
using IdReissue.Web.Photos;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Review;

/// <summary>
/// The three faces an officer compares (人证比对): the registry photo (人口库照片), the capture that passed
/// 实人认证, and the photo submitted for the card, with the model's similarity between each pair.
/// </summary>
public sealed record FaceComparisonView(
    string? RegistryImage, string? CaptureImage, string? PhotoImage, double? CaptureToRegistry, double? PhotoToRegistry, double? PhotoToCapture,
    FaceMatchPolicy Policy, bool RegistryFaceMissing = false)
{
    /// <summary>The code <see cref="IFaceVerification"/> refuses with when the registry photo holds no usable face.</summary>
    private const string RegistryPhotoUnavailable = "registry_photo_unavailable";

    /// <summary>A similarity below "same person": the officer must look closely before deciding.</summary>
    public bool NeedsAttention => new[] { CaptureToRegistry, PhotoToRegistry, PhotoToCapture }.Any(s => s < Policy.SameAtLeast);

    public static async Task<FaceComparisonView?> LoadAsync(
        IdReissueDbContext db, IRegistryPhotos registry, IFaceVerification faces, FaceMatchPolicy policy, Guid applicationId, string citizenId, PhotoSubmission? shown,
        CancellationToken cancellationToken)
    {
        var capture = await db.Files.AsNoTracking().Where(f => f.ApplicationId == applicationId && f.Kind == StoredFileKind.FaceCapture)
            .OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (capture is null && shown is null)
        {
            return null;
        }

        var registryPhoto = await registry.FindAsync(citizenId, cancellationToken);
        double? captureToRegistry = null;
        var registryFaceMissing = false;
        if (capture is not null && registryPhoto is not null)
        {
            try
            {
                var verified = await faces.VerifyAsync(citizenId, capture.Content, cancellationToken);
                captureToRegistry = verified.Outcome == FaceVerificationOutcome.CaptureUnusable ? null : verified.Score;
            }
            catch (DomainException e)
            {
                // A registry photo without a usable face: the officer still sees the photos, without that score,
                // and is told why.
                registryFaceMissing = e.Code == RegistryPhotoUnavailable;
            }
        }

        var measures = shown is null ? [] : JsonSerializer.Deserialize<Dictionary<string, double>>(shown.MeasuresJson) ?? [];
        var photo = shown is null ? null : await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == shown.FileId, cancellationToken);
        return new FaceComparisonView(
            registryPhoto is null ? null : PhotoVerdictView.DataUrl(registryPhoto, "image/jpeg"),
            capture is null ? null : PhotoVerdictView.DataUrl(capture.Content, capture.ContentType),
            photo is null ? null : PhotoVerdictView.DataUrl(photo.Content, photo.ContentType),
            captureToRegistry,
            measures.TryGetValue(PhotoFaceScores.Registry, out var toRegistry) ? toRegistry : null,
            measures.TryGetValue(PhotoFaceScores.Capture, out var toCapture) ? toCapture : null,
            policy,
            registryFaceMissing);
    }
}
