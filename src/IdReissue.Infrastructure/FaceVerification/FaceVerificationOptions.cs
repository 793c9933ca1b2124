namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// Limits of face verification ("FaceVerification" section). Unset, the engine's limits chosen from the
/// labelled face pairs apply (IdReissue.Portrait.Verification.FaceMatchPolicy, docs/portrait.md); a bureau
/// may tighten them after measuring on its own registry photos.
/// </summary>
public sealed class FaceVerificationOptions
{
    public const string Section = "FaceVerification";

    /// <summary>At or above: the same person.</summary>
    public double? SameAtLeast { get; set; }

    /// <summary>Below: clearly another person. Between the two: appearance changed, to a police window.</summary>
    public double? DifferentBelow { get; set; }

    /// <summary>How long a drawn liveness challenge may be answered: long enough for a slow, careful person
    /// (care mode gives each action more time), short enough that a token cannot be kept for later.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The rate the portal records camera frames at; the judgement's continuity limits assume it.</summary>
    public int FramesPerSecond { get; set; } = 10;
}
