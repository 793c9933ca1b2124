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
/// The two limits of face verification, chosen from the labelled pairs of ../shared/face-pairs
/// (docs/portrait.md has the ROC): there no different-person pair scores above 0.27 and no same-person
/// pair below 0.45, nine people alike. <see cref="SameAtLeast"/> sits in the middle of that gap, so new
/// people have margin on both sides; below <see cref="DifferentBelow"/> (just above the highest
/// different-person score) a photo is clearly someone else; the band between goes to a person at a police
/// window (相貌前后变化较大).
/// </summary>
public sealed record FaceMatchPolicy(double SameAtLeast, double DifferentBelow)
{
    public static FaceMatchPolicy Default { get; } = new(0.36, 0.28);

    public FaceMatch Judge(double similarity) =>
        similarity >= SameAtLeast ? FaceMatch.Same : similarity < DifferentBelow ? FaceMatch.Different : FaceMatch.Uncertain;
}
