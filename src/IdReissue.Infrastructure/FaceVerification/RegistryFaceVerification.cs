using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Portrait.Reasons;
using IdReissue.Portrait.Verification;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// 实人认证 with the portrait engine's face-recognition model: the capture's face against the registry
/// photo of the resident. Templates live only in memory for the comparison; nothing biometric is logged.
/// </summary>
public sealed class RegistryFaceVerification(FaceMatcher matcher, IRegistryPhotos registry) : IFaceVerification
{
    public async Task<FaceVerificationResult> VerifyAsync(string citizenId, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken)
    {
        var extracted = matcher.Extract(capture.Span);
        if (extracted.Template is not { } captured)
        {
            return new FaceVerificationResult(FaceVerificationOutcome.CaptureUnusable, 0, CaptureProblem(extracted));
        }

        var registered = await RegistryTemplateAsync(citizenId, cancellationToken);
        var (similarity, match) = matcher.Compare(captured, registered);
        return new FaceVerificationResult(Outcome(match), similarity);
    }

    public async Task<PhotoFaceMatch> MatchPhotoAsync(string citizenId, ReadOnlyMemory<byte> photo, ReadOnlyMemory<byte>? verifiedCapture, CancellationToken cancellationToken)
    {
        if (matcher.Extract(photo.Span).Template is not { } submitted)
        {
            return new PhotoFaceMatch(FaceVerificationOutcome.CaptureUnusable, null, null);
        }

        var (registryScore, registryMatch) = matcher.Compare(submitted, await RegistryTemplateAsync(citizenId, cancellationToken));
        (double Similarity, FaceMatch Match)? captureMatch = verifiedCapture is { } capture && matcher.Extract(capture.Span).Template is { } captured
            ? matcher.Compare(submitted, captured)
            : null;
        // In the band against the registry photo, only a capture that passed 实人认证 and clearly matches
        // vouches for the photo; without one, a stranger who merely resembles the holder would get through.
        var clearlyOther = registryMatch == FaceMatch.Different || captureMatch?.Match == FaceMatch.Different
            || (registryMatch == FaceMatch.Uncertain && captureMatch?.Match != FaceMatch.Same);
        var outcome = clearlyOther ? FaceVerificationOutcome.NoMatch
            : registryMatch == FaceMatch.Same ? FaceVerificationOutcome.Match : FaceVerificationOutcome.AppearanceChanged;
        return new PhotoFaceMatch(outcome, registryScore, captureMatch?.Similarity,
            clearlyOther ? NotTheApplicant(Math.Min(registryScore, captureMatch?.Similarity ?? 1)) : null);
    }

    private static PortraitReason NotTheApplicant(double lowest)
    {
        var kind = PhotoReasons.NotTheApplicant;
        return new PortraitReason(kind.Code, lowest, null, kind.Unit, kind.Sentence(PhotoReasonSituation.PhotoCheck));
    }

    private async Task<FaceTemplate> RegistryTemplateAsync(string citizenId, CancellationToken cancellationToken)
    {
        var photo = await registry.FindAsync(citizenId, cancellationToken);
        return (photo is null ? null : matcher.Extract(photo).Template)
            ?? throw new DomainException("registry_photo_unavailable", "人口库中暂无可比对的本人照片，无法在线完成实人认证，请本人到公安机关窗口办理。", DomainErrorKind.Unavailable);
    }

    private static FaceVerificationOutcome Outcome(FaceMatch match) => match switch
    {
        FaceMatch.Same => FaceVerificationOutcome.Match,
        FaceMatch.Uncertain => FaceVerificationOutcome.AppearanceChanged,
        _ => FaceVerificationOutcome.NoMatch,
    };

    /// <summary>What the citizen in front of the camera is told; anything but an unreadable frame or a second face reads as no face.</summary>
    private static string CaptureProblem(FaceExtraction extraction)
    {
        var code = extraction.Problems.Count > 0 ? extraction.Problems[0].Code : null;
        var kind = code == PhotoReasons.UnreadableImage.Code ? PhotoReasons.UnreadableImage
            : code == PhotoReasons.MultipleFaces.Code ? PhotoReasons.MultipleFaces
            : PhotoReasons.NoFace;
        return kind.Sentence(PhotoReasonSituation.Capture);
    }
}
