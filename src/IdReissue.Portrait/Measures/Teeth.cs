using IdReissue.Portrait.Faces;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// Teeth between the lips. The landmark net follows the inner lip line, which closes when the teeth are
/// together in a smile, so the gap between the inner lips alone misses most smiles. Teeth are what lips
/// are not: light and with little red. Within the outer lip outline, the share of pixels far less red than
/// both the lips and the skin, and not darker than the face, says how much tooth shows; closed lips, pale
/// or painted, show none (0.00 on every compliant photo of five people).
/// </summary>
internal static class Teeth
{
    /// <summary>Share of the outer-lip outline (landmarks 48–59) that looks like teeth; null when the mouth is too small to tell.</summary>
    public static double? Fraction(LabImage lab, PointF[] points, double skinLightness, double skinRed)
    {
        var outline = points.AsSpan(48, 12);
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

        if (inside < 40)
        {
            return null;
        }

        // The lips' own red: the upper quartile of a* inside the outline, which teeth cannot pull down
        // unless they fill three quarters of it. Pale lips are barely redder than skin, so a tooth must
        // also be far less red than the skin: the outline's edge always takes in some skin.
        var target = inside * 0.75;
        var seen = 0;
        var lipRed = 0;
        while (lipRed < 127 && (seen += redness[lipRed]) <= target)
        {
            lipRed++;
        }

        var maxToothRed = MathF.Min(lipRed * 0.45f, (float)skinRed * 0.5f);
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
