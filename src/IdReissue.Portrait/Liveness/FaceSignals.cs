using IdReissue.Portrait.Faces;

using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>
/// What the 68 landmarks say about the head and face in one frame, each measured along the face's own axes
/// (the jaw line and its normal) so that a photo rotated in its own plane reads the same at every angle.
/// </summary>
public static class FaceSignals
{
    /// <summary>
    /// Where the nose tip sits between the jaw's ends, along the jaw line: 0 facing the camera, positive when
    /// the applicant turns to their own left (the nose moves towards the image's right), a few tenths turned.
    /// </summary>
    public static double Yaw(ReadOnlySpan<PointF> p)
    {
        double dx = p[16].X - p[0].X, dy = p[16].Y - p[0].Y;
        var squared = (dx * dx) + (dy * dy);
        return squared <= 0 ? 0 : ((((p[30].X - p[0].X) * dx) + ((p[30].Y - p[0].Y) * dy)) / squared) - 0.5;
    }

    /// <summary>
    /// The nose tip's height between the eyes' midline and the chin, across the jaw line: it grows when the
    /// head bows (nods down) and shrinks when it tilts back.
    /// </summary>
    public static double Pitch(ReadOnlySpan<PointF> p)
    {
        var eyes = Centre(p, 36, 47);
        double ax = p[16].X - p[0].X, ay = p[16].Y - p[0].Y;
        var length = Math.Sqrt((ax * ax) + (ay * ay));
        if (length <= 0)
        {
            return 0;
        }

        // The face's downward axis: the jaw line turned by 90°.
        double nx = -ay / length, ny = ax / length;
        var nose = ((p[30].X - eyes.X) * nx) + ((p[30].Y - eyes.Y) * ny);
        var chin = ((p[8].X - eyes.X) * nx) + ((p[8].Y - eyes.Y) * ny);
        return chin <= 0 ? 0 : nose / chin;
    }

    /// <summary>Mean eye aspect ratio of both eyes (lid distance over eye width): about 0.3 open, under 0.15 closed.</summary>
    public static double EyeOpenness(ReadOnlySpan<PointF> p) => (Eye(p, 36) + Eye(p, 42)) / 2;

    /// <summary>Inner-lip gap over mouth width: near 0 closed, 0.3 and more open.</summary>
    public static double MouthOpenness(ReadOnlySpan<PointF> p)
    {
        var gap = (p[61].DistanceTo(p[67]) + p[62].DistanceTo(p[66]) + p[63].DistanceTo(p[65])) / 3;
        return gap / Math.Max(1e-3, p[48].DistanceTo(p[54]));
    }

    /// <summary>Distance between the eyes' centres, the unit every displacement is measured in.</summary>
    public static double EyeDistance(ReadOnlySpan<PointF> p) => Centre(p, 36, 41).DistanceTo(Centre(p, 42, 47));

    private static double Eye(ReadOnlySpan<PointF> p, int o) =>
        (p[o + 1].DistanceTo(p[o + 5]) + p[o + 2].DistanceTo(p[o + 4])) / (2 * Math.Max(1e-3, p[o].DistanceTo(p[o + 3])));

    private static PointF Centre(ReadOnlySpan<PointF> p, int from, int to)
    {
        float x = 0, y = 0;
        for (var i = from; i <= to; i++)
        {
            x += p[i].X;
            y += p[i].Y;
        }

        var n = to - from + 1;
        return new PointF(x / n, y / n);
    }
}
