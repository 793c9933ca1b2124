using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// Teeth between the lips. The landmark net follows the inner lip line, which closes when the teeth are together in
/// a smile, so the gap between the inner lips alone misses most smiles. Teeth are what lips are not: bright and with
/// little red. Both are read as ratios against the face's own skin, so that exposure, gamma, make-up and skin tone
/// move the teeth and the skin together and the share stays: redness as R/G (a camera's exposure scales R and G
/// alike; lipstick makes the lips redder, never the teeth), brightness as the brightest channel against the skin's.
/// Within the band from the middle of the upper lip to the middle of the lower one, a tooth is a pixel less than
/// 55 % as far from grey (R/G = 1) as the skin is, and at least 80 % as bright as the skin. Closed lips, pale or
/// painted, show none, and neither does a white moustache over them, which lies outside the band (at most 0.007 on
/// the compliant photos of both sets under every variation of InvarianceTests; real smiles over teeth 0.036–0.42).
/// </summary>
internal static class Teeth
{
    private const double ToothRednessOfSkin = 0.55;
    private const double ToothBrightnessOfSkin = 0.8;

    /// <summary>Teeth in the warm shade of a smile read up to about R/G 1.12 whatever the skin; lips, even pale ones, read more.</summary>
    private const double MinToothRednessLimit = 1.12;
    private const int RednessBins = 512;
    private const double RednessStep = 0.01;

    /// <summary>The skin's median redness (R/G) and median brightness (brightest channel) in a rectangle.</summary>
    public static (double Redness, double Brightness) SkinTone(RgbImage image, PixelRect area)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (x0, y0, x1, y1) = area.Clip(image.Width, image.Height);
        Span<int> redness = stackalloc int[RednessBins];
        Span<int> brightness = stackalloc int[256];
        var pixels = image.Pixels.AsSpan();
        var count = 0;
        var step = Math.Max(1, area.Step);
        for (var y = y0; y < y1; y += step)
        {
            for (var x = x0; x < x1; x += step)
            {
                var i = ((y * image.Width) + x) * 3;
                redness[RednessBin(pixels[i], pixels[i + 1])]++;
                brightness[Math.Max(pixels[i], Math.Max(pixels[i + 1], pixels[i + 2]))]++;
                count++;
            }
        }

        return count == 0 ? (1, 0) : (Median(redness, count) * RednessStep, Median(brightness, count));
    }

    /// <summary>Share of the mouth's middle band that looks like teeth; null when the mouth is too small to tell.</summary>
    public static double? Fraction(RgbImage image, PointF[] points, (double Redness, double Brightness) skin)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(points);
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
        var x1 = Math.Min(image.Width, (int)MathF.Ceiling(right));
        var y0 = Math.Max(0, (int)top);
        var y1 = Math.Min(image.Height, (int)MathF.Ceiling(bottom));
        // Integer comparisons per pixel: R < G × maxRedness and max(R, G, B) ≥ minBrightness.
        var maxRedness = Math.Max(MinToothRednessLimit, 1 + ToothRednessOfSkin * Math.Max(0, skin.Redness - 1));
        var minBrightness = ToothBrightnessOfSkin * skin.Brightness;
        var pixels = image.Pixels.AsSpan();
        var inside = 0;
        var teeth = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (!Contains(outline, x + 0.5f, y + 0.5f))
                {
                    continue;
                }

                inside++;
                var i = ((y * image.Width) + x) * 3;
                int r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
                if (r < g * maxRedness && Math.Max(r, Math.Max(g, b)) >= minBrightness)
                {
                    teeth++;
                }
            }
        }

        return inside < 20 ? null : (double)teeth / inside;
    }

    private static int RednessBin(byte r, byte g) => Math.Min(RednessBins - 1, (int)(r / (RednessStep * Math.Max((int)g, 1))));

    private static double Median(ReadOnlySpan<int> histogram, int count)
    {
        var seen = 0;
        for (var bin = 0; bin < histogram.Length; bin++)
        {
            seen += histogram[bin];
            if (seen * 2 >= count)
            {
                return bin;
            }
        }

        return histogram.Length - 1;
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
