using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// How much of the chest and shoulders stands out from the backdrop, judged only where the camera recorded the clothing.
/// A pixel whose three channels are all at the top of their range (clipped white) has lost how bright and how coloured
/// it was: there the backdrop beside a neck, bare skin brightened past white and a white shirt read alike, so such pixels
/// are no evidence either way and are left out. Every other pixel stands out when its colour (lightness and chroma
/// together: bright skin is far from white by its colour, not its lightness) lies at least the specification's
/// difference from the backdrop's. A light top on a white backdrop has almost nothing that stands out, clipped or not; a
/// photo brightened until its backdrop and part of the skin clip keeps what stood out.
/// </summary>
internal readonly record struct ClothingStatistics(int Count, double ClippedFraction, double StandOutFraction, double DarkerQuarterL)
{
    /// <summary>A channel this close to 255 is saturated: JPEG ringing leaves clipped areas at 250–255.</summary>
    public const int Saturated = 250;

    private const int Bins = 404;

    public static ClothingStatistics Of(LabImage lab, RgbImage image, PixelRect area, RegionStatistics backdrop, double minDifference)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(backdrop);
        Span<int> histogram = stackalloc int[Bins];
        ReadOnlySpan<float> l = lab.L;
        ReadOnlySpan<float> a = lab.A;
        ReadOnlySpan<float> b = lab.B;
        ReadOnlySpan<byte> pixels = image.Pixels;
        var (x0, y0, x1, y1) = area.Clip(lab.Width, lab.Height);
        var step = Math.Max(1, area.Step);
        float backdropL = (float)backdrop.MedianL, backdropA = (float)backdrop.MeanA, backdropB = (float)backdrop.MeanB;
        var limit = (float)(minDifference * minDifference);
        int recorded = 0, clipped = 0, standOut = 0;
        for (var y = y0; y < y1; y += step)
        {
            var row = y * lab.Width;
            for (var x = x0; x < x1; x += step)
            {
                var i = row + x;
                var p = i * 3;
                if (pixels[p] >= Saturated && pixels[p + 1] >= Saturated && pixels[p + 2] >= Saturated)
                {
                    clipped++;
                    continue;
                }

                var dl = l[i] - backdropL;
                var da = a[i] - backdropA;
                var db = b[i] - backdropB;
                standOut += dl * dl + da * da + db * db >= limit ? 1 : 0;
                histogram[Math.Clamp((int)(l[i] * 4), 0, Bins - 1)]++;
                recorded++;
            }
        }

        var total = recorded + clipped;
        return new ClothingStatistics(total, total == 0 ? 0 : (double)clipped / total, recorded == 0 ? 0 : (double)standOut / recorded,
            recorded == 0 ? 100 : Percentile(histogram, recorded, 0.25));
    }

    private static double Percentile(ReadOnlySpan<int> histogram, int count, double q)
    {
        var target = q * count;
        var seen = 0;
        for (var bin = 0; bin < histogram.Length; bin++)
        {
            seen += histogram[bin];
            if (seen > target)
            {
                return (bin + 0.5) / 4;
            }
        }

        return (histogram.Length - 0.5) / 4;
    }
}
