using IdReissue.Portrait.Faces;

namespace IdReissue.Portrait.Measures;

/// <summary>Geometry read off the 68 landmarks (iBUG 300-W numbering), in image pixels.</summary>
public sealed class FaceGeometry(PointF[] points)
{
    public PointF[] Points { get; } = points;

    public PointF JawLeft => Points[0];

    public PointF JawRight => Points[16];

    public PointF Chin => Points[8];

    public PointF NoseTip => Points[30];

    public PointF RightEyeCentre => Centre(36, 41);

    public PointF LeftEyeCentre => Centre(42, 47);

    public PointF EyeLine => PointF.Midpoint(RightEyeCentre, LeftEyeCentre);

    public float FaceWidth => JawLeft.DistanceTo(JawRight);

    public float CentreX => (JawLeft.X + JawRight.X) / 2;

    public float BrowTop => Enumerable.Range(17, 10).Min(i => Points[i].Y);

    public double RollDegrees => Math.Atan2(LeftEyeCentre.Y - RightEyeCentre.Y, LeftEyeCentre.X - RightEyeCentre.X) * 180 / Math.PI;

    /// <summary>Nose tip off the jaw's midline, as a fraction of face width (0 = frontal).</summary>
    public double Yaw => (NoseTip.X - CentreX) / FaceWidth;

    /// <summary>Where the nose tip sits between eye line (0) and chin (1); looking up lowers it.</summary>
    public double Pitch => (NoseTip.Y - EyeLine.Y) / Math.Max(1, Chin.Y - EyeLine.Y);

    /// <summary>Eye aspect ratio of the less open eye (lid gap over eye width).</summary>
    public double EyeOpening => Math.Min(EyeAspect(36), EyeAspect(42));

    /// <summary>Gap between the inner lips over the mouth's width.</summary>
    public double MouthOpening => Points[62].DistanceTo(Points[66]) / Math.Max(1, Points[48].DistanceTo(Points[54]));

    private double EyeAspect(int first) =>
        (Points[first + 1].DistanceTo(Points[first + 5]) + Points[first + 2].DistanceTo(Points[first + 4]))
        / (2.0 * Math.Max(1, Points[first].DistanceTo(Points[first + 3])));

    private PointF Centre(int from, int to)
    {
        float x = 0, y = 0;
        for (var i = from; i <= to; i++)
        {
            x += Points[i].X;
            y += Points[i].Y;
        }

        var n = to - from + 1;
        return new PointF(x / n, y / n);
    }
}
