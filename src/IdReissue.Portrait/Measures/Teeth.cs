using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// Teeth between the lips. The landmark net follows the inner lip line, which closes when the teeth are together in
/// a smile, so the gap between the inner lips alone misses most smiles. Teeth are what lips are not: bright, and
/// either nearly colourless or of a yellowish hue, where lips (pale, natural or painted, and their glossy highlights)
/// are red to pink. Neither test refers to the skin's colour, so a warmer, cooler or yellower skin moves neither: the
/// hue is read in CIE L*a*b*, where an exposure or a gamma changes a pixel's lightness and chroma far more than its
/// hue, and the brightness is the green channel against the skin's median green (a camera's exposure scales both
/// alike; green carries most of lightness and is the channel a skin's warmth, a shift of red against blue, leaves
/// alone). Within the band from the middle of the upper lip to the middle of the lower one, a tooth is a pixel at
/// least 95 % as bright in green as the skin, of hue at least 55° (or a* ≤ 0) or of chroma at most 5. Measured on
/// the compliant photos of both sets under every variation of InvarianceTests: closed lips, pale, red or painted,
/// read at most 0.002 (lip highlights are pink: hue 15–45°); smiles over closed teeth 0.105–0.23 unchanged and at
/// least 0.059 under any variation (the faintest, df__img41, whose teeth in warm shade read hue 55–70° and R/G 1.2–1.3,
/// as red as a cooler skin: the old measure, which asked teeth to be clearly less red than the skin, lost it there).
/// A white moustache over closed lips lies outside the band.
/// </summary>
internal static class Teeth
{
    /// <summary>Teeth, lit or in a smile's shade, are about as bright as the skin or brighter; lips are darker, in green above all.</summary>
    private const double ToothGreenOfSkin = 0.95;

    /// <summary>
    /// Lips keep to hues of 0–45° (red to pink-orange) whatever their shade or paint; teeth in the warm shade of a smile
    /// read 55° and more (yellowish). tan 55°: a pixel with a* &gt; 0 is tooth-coloured when b* ≥ a* × this.
    /// </summary>
    private const float MinToothHueTangent = 1.4281480f;

    /// <summary>White is white whatever its slight tint: below this chroma the hue says nothing.</summary>
    private const float ColourlessChroma = 5f;

    /// <summary>The skin's median green in a rectangle: the reference a tooth's brightness is read against.</summary>
    public static double SkinGreen(RgbImage image, PixelRect area)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (x0, y0, x1, y1) = area.Clip(image.Width, image.Height);
        Span<int> green = stackalloc int[256];
        ReadOnlySpan<byte> pixels = image.Pixels;
        var count = 0;
        var step = Math.Max(1, area.Step);
        for (var y = y0; y < y1; y += step)
        {
            for (var x = x0; x < x1; x += step)
            {
                green[pixels[((y * image.Width) + x) * 3 + 1]]++;
                count++;
            }
        }

        return count == 0 ? 0 : Median(green, count);
    }

    /// <summary>Share of the mouth's middle band that looks like teeth; null when the mouth is too small to tell.</summary>
    public static double? Fraction(RgbImage image, LabImage lab, PointF[] points, double skinGreen)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(lab);
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
        var minGreen = ToothGreenOfSkin * skinGreen;
        ReadOnlySpan<byte> pixels = image.Pixels;
        ReadOnlySpan<float> a = lab.A;
        ReadOnlySpan<float> b = lab.B;
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
                var i = (y * image.Width) + x;
                if (pixels[i * 3 + 1] < minGreen)
                {
                    continue;
                }

                float ai = a[i], bi = b[i];
                if (ai <= 0 || bi >= ai * MinToothHueTangent || ai * ai + bi * bi <= ColourlessChroma * ColourlessChroma)
                {
                    teeth++;
                }
            }
        }

        return inside < 20 ? null : (double)teeth / inside;
    }

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
