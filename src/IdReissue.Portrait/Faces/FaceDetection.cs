namespace IdReissue.Portrait.Faces;

/// <summary>A face found by the detector, in image pixels.</summary>
public sealed record FaceDetection(
    float Score,
    float CenterX,
    float CenterY,
    float Width,
    float Height,
    PointF RightEye,
    PointF LeftEye,
    PointF NoseTip,
    PointF Mouth,
    PointF RightEar,
    PointF LeftEar);

/// <summary>A point in image pixels.</summary>
public readonly record struct PointF(float X, float Y)
{
    public static PointF Midpoint(PointF a, PointF b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);

    public float DistanceTo(PointF other) => MathF.Sqrt((X - other.X) * (X - other.X) + (Y - other.Y) * (Y - other.Y));
}
