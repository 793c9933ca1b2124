namespace IdReissue.Domain.Gateways;

/// <summary>
/// 实人认证 as attempts that the service controls: it begins one (the local engine draws a liveness
/// challenge; a certified provider opens its own verification page), the applicant performs it once, and
/// the service completes it with what came back. A finder of a lost card holds the holder's name, number
/// and photo, so no channel may accept a single still photo as a person.
/// </summary>
public interface IRealPersonVerification
{
    /// <summary>The channel's stable name, recorded with each result ("local-engine", "tencent-faceid").</summary>
    string Channel { get; }

    /// <summary>Begins an attempt for the resident. Throws a DomainException (Unavailable) when the channel cannot be reached.</summary>
    Task<RealPersonAttempt> BeginAsync(RealPersonRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Completes the attempt named by <see cref="RealPersonCompletion.Token"/>, once: a token used before,
    /// expired, or issued for another resident or application throws a DomainException (coded).
    /// </summary>
    Task<RealPersonResult> CompleteAsync(RealPersonCompletion completion, CancellationToken cancellationToken);
}

/// <summary>Who is to be verified; <paramref name="Reference"/> ties the attempt to one application.</summary>
public sealed record RealPersonRequest(string CitizenId, string Name, string Reference, Uri ReturnUrl);

/// <summary>
/// An attempt begun. <see cref="Challenge"/> holds the actions the applicant must perform in order (local
/// camera); <see cref="VerificationUrl"/> the certified provider's page to send the applicant to instead.
/// </summary>
public sealed record RealPersonAttempt(
    string Token, DateTimeOffset ExpiresAt, IReadOnlyList<LivenessAction> Challenge, int FramesPerSecond, Uri? VerificationUrl);

/// <summary>What came back: the camera's frames in capture order (local), or nothing (a provider's page).</summary>
public sealed record RealPersonCompletion(string CitizenId, string Reference, string Token, IReadOnlyList<byte[]> Frames);

/// <summary>The actions a liveness challenge is drawn from (the applicant's own left and right).</summary>
public enum LivenessAction
{
    TurnLeft,
    TurnRight,
    Nod,
    Blink,
    OpenMouth,
}

/// <summary>Whether the capture came from a living person in front of the camera.</summary>
public enum LivenessVerdict
{
    /// <summary>Every asked action performed in order by one living person.</summary>
    Live,

    /// <summary>Refused: a photo, a slideshow, a screen, the registry photo, or the challenge not performed.</summary>
    NotLive,

    /// <summary>Performed, but the presentation-attack score is close to its limit: a person must look.</summary>
    Borderline,
}

/// <summary>Where in the frames an asked action was seen, and the frame that shows it most (the officer's evidence).</summary>
public sealed record LivenessActionSeen(LivenessAction Action, int StartFrame, int EndFrame, int? PeakFrame = null);

/// <summary>
/// The result of one attempt. <see cref="Outcome"/> is the face comparison with the registry photo and
/// counts only when <see cref="Liveness"/> is not <see cref="LivenessVerdict.NotLive"/>. Scores are for
/// the officer and the audit, never for an anonymous caller.
/// </summary>
public sealed record RealPersonResult(
    string Channel,
    LivenessVerdict Liveness,
    FaceVerificationOutcome Outcome,
    IReadOnlyList<LivenessAction> Challenge,
    IReadOnlyList<LivenessActionSeen> Actions,
    IReadOnlyList<string> Reasons,
    string? Problem,
    double? Similarity,
    double? AttackScore,
    byte[]? BestFrame)
{
    /// <summary>The provider's own result code, where a certified provider ran the attempt.</summary>
    public string? ProviderCode { get; init; }
}
