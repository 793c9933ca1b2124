namespace IdReissue.Portrait.Verification;

/// <summary>What a similarity means for face verification.</summary>
public enum FaceMatch
{
    /// <summary>The same person.</summary>
    Same,

    /// <summary>Neither clearly the same nor clearly another person: appearance changed (相貌前后变化较大), a person must look.</summary>
    Uncertain,

    /// <summary>Clearly another person.</summary>
    Different,
}

/// <summary>
/// The two limits of face verification, set from a target false-accept rate, not from the middle of a gap
/// (docs/portrait.md, "Limits"; the evidence is printed by `IdReissue.Portrait.Bench impostors`).
/// <see cref="SameAtLeast"/>: a verdict "same" for at most 1 in 10,000 different-person comparisons. The 1,364
/// different-person pairs of real photos here extrapolate to 0.381 (normal fit) and 0.386 (exponential tail) at
/// that rate; degraded copies reach 0.411 and people the team has not seen reached 0.40, so the limit sits above
/// all of them. The lowest same-person score here is 0.448 (three photos of one woman decades apart).
/// <see cref="DifferentBelow"/>: clearly another person, above 99.9 % of the different-person pairs (0.266);
/// the band between goes to a person at a police window (相貌前后变化较大), never to "same".
/// </summary>
public sealed record FaceMatchPolicy(double SameAtLeast, double DifferentBelow)
{
    public static FaceMatchPolicy Default { get; } = new(0.42, 0.28);

    public FaceMatch Judge(double similarity) =>
        similarity >= SameAtLeast ? FaceMatch.Same : similarity < DifferentBelow ? FaceMatch.Different : FaceMatch.Uncertain;
}
