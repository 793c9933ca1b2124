namespace IdReissue.Portrait.Measures;

/// <summary>Robust statistics over a set of pixels of a <see cref="LabImage"/>.</summary>
public sealed record RegionStatistics(int Count, double MedianL, double MeanL, double MeanA, double MeanB, double P05L, double P95L, double ClippedFraction)
{
    public double Chroma => Math.Sqrt(MeanA * MeanA + MeanB * MeanB);

    public double HueDegrees => Math.Atan2(MeanB, MeanA) * 180 / Math.PI;

    /// <summary>Percentiles come from a histogram of L* in quarter units: linear time, no sorting.</summary>
    public static RegionStatistics Of(LabImage lab, IEnumerable<int> indices)
    {
        Span<int> histogram = stackalloc int[Bins];
        double sumL = 0, sumA = 0, sumB = 0;
        var clipped = 0;
        var n = 0;
        foreach (var i in indices)
        {
            var l = lab.L[i];
            histogram[Math.Clamp((int)(l * 4), 0, Bins - 1)]++;
            sumL += l;
            sumA += lab.A[i];
            sumB += lab.B[i];
            clipped += l >= 98.5f ? 1 : 0;
            n++;
        }

        if (n == 0)
        {
            return new RegionStatistics(0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new RegionStatistics(n, Percentile(histogram, n, 0.5), sumL / n, sumA / n, sumB / n,
            Percentile(histogram, n, 0.05), Percentile(histogram, n, 0.95), (double)clipped / n);
    }

    private const int Bins = 404;

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

    /// <summary>Pixel indices of a rectangle, clipped to the image; every <paramref name="step"/>-th pixel.</summary>
    public static IEnumerable<int> Rectangle(LabImage lab, double left, double top, double right, double bottom, int step = 1)
    {
        var x0 = Math.Clamp((int)left, 0, lab.Width);
        var x1 = Math.Clamp((int)right, 0, lab.Width);
        var y0 = Math.Clamp((int)top, 0, lab.Height);
        var y1 = Math.Clamp((int)bottom, 0, lab.Height);
        for (var y = y0; y < y1; y += step)
        {
            for (var x = x0; x < x1; x += step)
            {
                yield return y * lab.Width + x;
            }
        }
    }
}
