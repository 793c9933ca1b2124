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

    /// <summary>
    /// Refuse a single still capture (422 liveness_required): only camera frames that pass the liveness
    /// check (a head turn or a blink) are compared. The portal's camera always sends frames; set this in
    /// production unless the channel (e.g. a WeChat mini-program's own 活体检测) proves liveness itself.
    /// </summary>
    public bool RequireLiveness { get; set; }
}
