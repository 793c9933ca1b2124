using IdReissue.Portrait.Faces;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// Teeth between the lips. The landmark net follows the inner lip line, which closes when the teeth are
/// together in a smile, so the gap between the inner lips alone misses most smiles. Teeth are what lips
/// are not: light and with little red. Within the band from the middle of the upper lip to the middle of the
/// lower one, the share of pixels clearly less red than both the lips and the skin, and not darker than the
/// face, says how much tooth shows. Closed lips, pale or painted, show none, and neither does a white
/// moustache over them, which lies outside the band (0 on all 60 compliant photos of five people; real smiles
/// over teeth 0.054–0.46; ./portrait.sh calibrate).
/// </summary>
internal static class Teeth
{
    /// <summary>Share of the mouth's middle band that looks like teeth; null when the mouth is too small to tell.</summary>
    public static double? Fraction(LabImage lab, PointF[] points, double skinLightness, double skinRed)
    {
        Span<PointF> outline = stackalloc PointF[MiddleBand.Length];
        for (var i = 0; i < MiddleBand.Length; i++)
        {
            var (outer, inner) = MiddleBand[i];
            outline[i] = new PointF((points[outer].X + points[inner].X) / 2, (points[outer].Y + points[inner].Y) / 2);
        }

        float left = float.MaxValue, top = float.MaxValue, right = float.MinValue, bottom = float.MinValue;
        foreach (var p in outline)
        {
            left = MathF.Min(left, p.X);
            right = MathF.Max(right, p.X);
            top = MathF.Min(top, p.Y);
            bottom = MathF.Max(bottom, p.Y);
        }

        var x0 = Math.Max(0, (int)left);
        var x1 = Math.Min(lab.Width, (int)MathF.Ceiling(right));
        var y0 = Math.Max(0, (int)top);
        var y1 = Math.Min(lab.Height, (int)MathF.Ceiling(bottom));
        Span<int> redness = stackalloc int[128];
        var inside = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (Contains(outline, x + 0.5f, y + 0.5f))
                {
                    redness[Math.Clamp((int)lab.A[y * lab.Width + x], 0, 127)]++;
                    inside++;
                }
            }
        }

        if (inside < 20)
        {
            return null;
        }

        // The lips' own red: the upper quartile of a* inside the band, which teeth cannot pull down unless
        // they fill three quarters of it. Pale lips are barely redder than skin, so a tooth must also be
        // clearly less red than the skin. Teeth in the shade of a smile, in warm light, keep about half the
        // lips' red (a stricter 0.45 of the lips missed them: df__img41's smile read as closed).
        var target = inside * 0.75;
        var seen = 0;
        var lipRed = 0;
        while (lipRed < 127 && (seen += redness[lipRed]) <= target)
        {
            lipRed++;
        }

        var maxToothRed = MathF.Min(lipRed * 0.55f, (float)skinRed * 0.6f);
        var minToothLightness = (float)skinLightness - 8;
        var teeth = 0;
        for (var y = y0; y < y1; y++)
        {
            var row = y * lab.Width;
            for (var x = x0; x < x1; x++)
            {
                var i = row + x;
                if (lab.A[i] < maxToothRed && lab.L[i] > minToothLightness && Contains(outline, x + 0.5f, y + 0.5f))
                {
                    teeth++;
                }
            }
        }

        return (double)teeth / inside;
    }

    /// <summary>
    /// Pairs of outer and inner lip landmarks (corners, upper lip, corners, lower lip) whose midpoints outline the
    /// band from the middle of the upper lip to the middle of the lower one. Teeth between parted lips lie in it; a
    /// white moustache over closed lips lies at the outer edge and stays out of it.
    /// </summary>
    private static readonly (int Outer, int Inner)[] MiddleBand = [(48, 60), (50, 61), (51, 62), (52, 63), (54, 64), (56, 65), (57, 66), (58, 67)];

    private static bool Contains(ReadOnlySpan<PointF> polygon, float x, float y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Y > y) != (b.Y > y) && x < (b.X - a.X) * (y - a.Y) / (b.Y - a.Y) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
