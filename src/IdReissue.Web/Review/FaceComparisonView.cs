using IdReissue.Application.Photos;
using System.Text.Json;
using IdReissue.Application.Review;
using IdReissue.Portrait.Liveness;
using IdReissue.Portrait.Verification;
using IdReissue.Web.Photos;

namespace IdReissue.Web.Review;

/// <summary>
/// The three faces an officer compares (人证比对): the registry photo (人口库照片), the capture that passed
/// 实人认证, and the photo submitted for the card, with the model's similarity between each pair.
/// </summary>
public sealed record FaceComparisonView(
    string? RegistryImage, string? CaptureImage, string? PhotoImage, double? CaptureToRegistry, double? PhotoToRegistry, double? PhotoToCapture,
    FaceMatchPolicy Policy, bool RegistryFaceMissing = false, bool ImagesHidden = false)
{
    /// <summary>A similarity below "same person": the officer must look closely before deciding.</summary>
    public bool NeedsAttention => new[] { CaptureToRegistry, PhotoToRegistry, PhotoToCapture }.Any(s => s < Policy.SameAtLeast);

    /// <summary>
    /// The submitted photo is, to the model, the same picture as the 实人认证 capture or the registry photo (at least the
    /// engine's copy limit, which a copy of one picture reaches and two photos of one person do not): a card photo
    /// should be taken anew, so a reused or re-photographed picture is for the officer to look at.
    /// </summary>
    public string? PhotoCopies => PhotoToCapture >= LivenessLimits.RegistryCopyAtLeast ? "实人认证人脸"
        : PhotoToRegistry >= LivenessLimits.RegistryCopyAtLeast ? "人口库照片" : null;

    /// <summary>Null when there is neither a capture nor a submitted photo to compare. Without <paramref name="withImages"/> the
    /// similarities only (the faces are shown on request, <see cref="ImagesHidden"/>).</summary>
    public static FaceComparisonView? Of(ReviewEvidence evidence, FaceMatchPolicy policy, bool withImages)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Faces is not { } faces)
        {
            return null;
        }

        var shown = evidence.Photo;
        var measures = shown is null ? [] : JsonSerializer.Deserialize<Dictionary<string, double>>(shown.Submission.MeasuresJson) ?? [];
        return new FaceComparisonView(
            faces.RegistryPhoto is null || !withImages ? null : PhotoVerdictView.DataUrl(faces.RegistryPhoto, "image/jpeg"),
            faces.Capture is null || !withImages ? null : PhotoVerdictView.DataUrl(faces.Capture.Content, faces.Capture.ContentType),
            shown?.Image is null || !withImages ? null : PhotoVerdictView.DataUrl(shown.Image.Content, shown.Image.ContentType),
            faces.CaptureToRegistry,
            measures.TryGetValue(PhotoFaceScores.Registry, out var toRegistry) ? toRegistry : null,
            measures.TryGetValue(PhotoFaceScores.Capture, out var toCapture) ? toCapture : null,
            policy,
            faces.RegistryFaceMissing,
            ImagesHidden: !withImages);
    }
}
