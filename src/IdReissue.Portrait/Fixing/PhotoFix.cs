namespace IdReissue.Portrait.Fixing;

/// <summary>
/// The outcome of fixing one photo (../shared/specs/photo-fix-contract.md): <c>fixed</c> with the new photo
/// and its passing check, <c>refused</c> with the defects only a new photo can cure, or <c>error</c> when
/// the file is not an image. <see cref="Changes"/> names what was done to the frame and background.
/// </summary>
public sealed record PhotoFix(
    string Spec,
    string Verdict,
    double ElapsedMs,
    IReadOnlyList<string> Changes,
    IReadOnlyList<Reason> Reasons,
    byte[]? Photo,
    PortraitResult? Check)
{
    public bool Fixed => Verdict == "fixed";
}
