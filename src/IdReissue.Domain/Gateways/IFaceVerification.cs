namespace IdReissue.Domain.Gateways;

/// <summary>
/// 实人认证 and 人证比对: faces compared with the population registry's photo of the resident (人口库照片).
/// Implementations throw a DomainException (Unavailable) when the registry photo cannot be had.
/// </summary>
public interface IFaceVerification
{
    /// <summary>A stored capture that passed 实人认证 against the registry photo (the officer's comparison).</summary>
    Task<FaceVerificationResult> VerifyAsync(string citizenId, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken);

    /// <summary>
    /// The photo submitted under the photo number against the registry photo and, when there is one, the
    /// capture that passed 实人认证: is it the applicant's face?
    /// </summary>
    Task<PhotoFaceMatch> MatchPhotoAsync(string citizenId, ReadOnlyMemory<byte> photo, ReadOnlyMemory<byte>? verifiedCapture, CancellationToken cancellationToken);
}

public enum FaceVerificationOutcome
{
    /// <summary>Same person as the registry photo.</summary>
    Match,

    /// <summary>Clearly another person: the applicant may try again, a limited number of times.</summary>
    NoMatch,

    /// <summary>Neither clearly the same nor clearly another: the appearance changed a lot, only a police window can proceed.</summary>
    AppearanceChanged,

    /// <summary>The capture cannot be used (no face, several faces, not an image).</summary>
    CaptureUnusable,
}

/// <summary>The outcome and the similarity it came from (cosine of face embeddings; higher is more alike).</summary>
public sealed record FaceVerificationResult(FaceVerificationOutcome Outcome, double Score, string? Problem = null);

/// <summary>
/// The submitted photo compared with the registry photo and the verified capture. <see cref="Outcome"/> is
/// NoMatch when either comparison says clearly another person, CaptureUnusable when the photo has no usable
/// face (the portrait check reports that itself). <see cref="Refusal"/> is the photo check's reason for a NoMatch
/// (not_the_applicant, in the engine's words, with the lower similarity).
/// </summary>
public sealed record PhotoFaceMatch(FaceVerificationOutcome Outcome, double? RegistryScore, double? CaptureScore, PortraitReason? Refusal = null);
