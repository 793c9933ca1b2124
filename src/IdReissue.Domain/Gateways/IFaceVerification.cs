namespace IdReissue.Domain.Gateways;

/// <summary>实人认证: compares a live capture with the registry photo of the resident.</summary>
public interface IFaceVerification
{
    Task<FaceVerificationResult> VerifyAsync(string citizenId, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken);
}

public enum FaceVerificationOutcome
{
    /// <summary>Same person as the registry photo.</summary>
    Match,

    /// <summary>Not the same person, or not confident: the applicant may try again.</summary>
    NoMatch,

    /// <summary>Same person, but the appearance changed a lot: only a police window can proceed.</summary>
    AppearanceChanged,

    /// <summary>The capture cannot be used (no face, several faces, not an image).</summary>
    CaptureUnusable,
}

public sealed record FaceVerificationResult(FaceVerificationOutcome Outcome, double Score, string? Problem = null);
