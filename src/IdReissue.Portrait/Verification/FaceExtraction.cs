namespace IdReissue.Portrait.Verification;

/// <summary>A photo's face template, or why there is none (unreadable_image, no_face, multiple_faces).</summary>
public sealed record FaceExtraction(FaceTemplate? Template, IReadOnlyList<Reason> Problems, double ElapsedMs)
{
    public bool Succeeded => Template is not null;
}
