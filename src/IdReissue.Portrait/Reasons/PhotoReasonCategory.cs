namespace IdReissue.Portrait.Reasons;

/// <summary>What a photo reason is about, so charts and the officer console can group related failures.</summary>
public enum PhotoReasonCategory
{
    File,
    Face,
    Geometry,
    Pose,
    Lighting,
    Colour,
    Sharpness,
    Expression,
    Accessories,
    Background,
    Identity,
}
