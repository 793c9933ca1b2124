namespace IdReissue.Portrait.Verification;

/// <summary>A photo's face template, or why there is none (unreadable_image, no_face, multiple_faces).</summary>
public sealed record FaceExtraction(FaceTemplate? Template, IReadOnlyList<Reason> Problems, double ElapsedMs)
{
    /// <summary>The face's 68 landmarks in the analysed image's pixels, when there is a template.</summary>
    public IdReissue.Portrait.Faces.PointF[]? Landmarks { get; init; }

    /// <summary>The photo's size as encoded (after EXIF orientation), when it could be read.</summary>
    public int ImageWidth { get; init; }

    public int ImageHeight { get; init; }

    public bool Succeeded => Template is not null;
}
