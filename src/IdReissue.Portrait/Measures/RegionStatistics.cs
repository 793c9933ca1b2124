namespace IdReissue.Portrait.Measures;

/// <summary>Robust statistics over a set of pixels of a <see cref="LabImage"/>.</summary>
public sealed record RegionStatistics(int Count, double MedianL, double MeanL, double MeanA, double MeanB, double P05L, double P95L, double ClippedFraction)
{
    public double Chroma => Math.Sqrt(MeanA * MeanA + MeanB * MeanB);

    /// <summary>Lightness of the darker quarter (25th percentile).</summary>
    public double P25L { get; init; }

    /// <summary>Chroma of the median a* and b* (0 when not asked for: see <see cref="WithMedianChroma"/>).</summary>
    public double MedianChroma { get; init; }

    /// <summary>
    /// The statistics plus the chroma of the median a* and b*: what most of the region is, whatever a
    /// minority (a strand of hair in a backdrop) adds to the mean. A second pass, asked for only where it
    /// matters, so the many other regions of a check do not pay for two more histograms.
    /// </summary>
    public static RegionStatistics WithMedianChroma(LabImage lab, params ReadOnlySpan<PixelRect> rectangles)
    {
        var statistics = Of(lab, rectangles);
        Span<int> aHistogram = stackalloc int[ColourBins];
        Span<int> bHistogram = stackalloc int[ColourBins];
        var n = 0;
        foreach (var rectangle in rectangles)
        {
            var (x0, y0, x1, y1) = rectangle.Clip(lab.Width, lab.Height);
            var step = Math.Max(1, rectangle.Step);
            for (var y = y0; y < y1; y += step)
            {
                var row = y * lab.Width;
                for (var x = x0; x < x1; x += step)
                {
                    aHistogram[Math.Clamp((int)MathF.Round((lab.A[row + x] + 128) * 2), 0, ColourBins - 1)]++;
                    bHistogram[Math.Clamp((int)MathF.Round((lab.B[row + x] + 128) * 2), 0, ColourBins - 1)]++;
                    n++;
                }
            }
        }

        return n == 0 ? statistics : statistics with { MedianChroma = Math.Sqrt(Square(MedianColour(aHistogram, n)) + Square(MedianColour(bHistogram, n))) };
    }

    public double HueDegrees => Math.Atan2(MeanB, MeanA) * 180 / Math.PI;

    /// <summary>Percentiles come from a histogram of L* in quarter units: linear time, no sorting, no
    /// allocation; rectangles are walked directly (an iterator per pixel cost more than the sums).</summary>
    public static RegionStatistics Of(LabImage lab, params ReadOnlySpan<PixelRect> rectangles)
    {
        Span<int> histogram = stackalloc int[Bins];
        double sumL = 0, sumA = 0, sumB = 0;
        var clipped = 0;
        var n = 0;
        var l = lab.L;
        var a = lab.A;
        var b = lab.B;
        foreach (var rectangle in rectangles)
        {
            var (x0, y0, x1, y1) = rectangle.Clip(lab.Width, lab.Height);
            var step = Math.Max(1, rectangle.Step);
            for (var y = y0; y < y1; y += step)
            {
                var row = y * lab.Width;
                for (var x = x0; x < x1; x += step)
                {
                    var i = row + x;
                    var lightness = l[i];
                    histogram[Math.Clamp((int)(lightness * 4), 0, Bins - 1)]++;
                    sumL += lightness;
                    sumA += a[i];
                    sumB += b[i];
                    clipped += lightness >= 98.5f ? 1 : 0;
                    n++;
                }
            }
        }

        if (n == 0)
        {
            return new RegionStatistics(0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new RegionStatistics(n, Percentile(histogram, n, 0.5), sumL / n, sumA / n, sumB / n,
            Percentile(histogram, n, 0.05), Percentile(histogram, n, 0.95), (double)clipped / n)
        {
            P25L = Percentile(histogram, n, 0.25),
        };
    }

    private const int Bins = 404;

    /// <summary>a* and b* from −128 to 128 in half units, each bin centred on its value.</summary>
    private const int ColourBins = 512;

    private static double Square(double v) => v * v;

    private static double MedianColour(ReadOnlySpan<int> histogram, int count)
    {
        var seen = 0;
        for (var bin = 0; bin < histogram.Length; bin++)
        {
            seen += histogram[bin];
            if (seen > count / 2)
            {
                return bin / 2.0 - 128;
            }
        }

        return 128;
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

/// <summary>A rectangle of pixels (right and bottom exclusive), sampled every <see cref="Step"/> pixels.</summary>
public readonly record struct PixelRect(double Left, double Top, double Right, double Bottom, int Step = 1)
{
    public (int X0, int Y0, int X1, int Y1) Clip(int width, int height) =>
        (Math.Clamp((int)Left, 0, width), Math.Clamp((int)Top, 0, height), Math.Clamp((int)Right, 0, width), Math.Clamp((int)Bottom, 0, height));
}
