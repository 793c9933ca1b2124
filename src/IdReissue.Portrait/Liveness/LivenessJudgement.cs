using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>Where an asked action was seen, in frame indices (inclusive), and the frame that shows it most.</summary>
public sealed record ActionSeen(ChallengeAction Action, int StartFrame, int EndFrame, int PeakFrame);

/// <summary>
/// The liveness judgement of one capture (../shared/specs/liveness-contract.md). <see cref="Verdict"/> is
/// <c>live</c>, <c>not_live</c> or <c>error</c>; <see cref="Reasons"/> holds the stable codes of a refusal,
/// <see cref="Problem"/> one sentence for the applicant, <see cref="Measures"/> the values that decided it.
/// </summary>
public sealed record LivenessJudgement(
    string Verdict,
    IReadOnlyList<ChallengeAction> Challenge,
    IReadOnlyList<ActionSeen> Actions,
    int BestFrame,
    IReadOnlyList<string> Reasons,
    string? Problem,
    IReadOnlyDictionary<string, double> Measures,
    double ElapsedMs)
{
    public const string Live = "live";
    public const string NotLive = "not_live";
    public const string Error = "error";

    public bool IsLive => Verdict == Live;

    /// <summary>The best frame's face template, for comparing with the registry photo (null unless a face was found).</summary>
    public FaceTemplate? BestTemplate { get; init; }

    /// <summary>Similarity of the capture to the registry photo, when one was given.</summary>
    public double? RegistrySimilarity { get; init; }

    /// <summary>Each frame's signals (yaw, pitch, eyes, mouth; NaN without a face), for calibration and the officer's view.</summary>
    public IReadOnlyList<FrameTrace> Frames { get; init; } = [];

    /// <summary>The presentation-attack score (higher is more likely an attack), when the model ran.</summary>
    public double? AttackScore { get; init; }
}

/// <summary>One frame's signals as the judgement measured them.</summary>
public sealed record FrameTrace(int Index, bool Face, double Yaw, double Pitch, double Eyes, double Mouth, double Step);
