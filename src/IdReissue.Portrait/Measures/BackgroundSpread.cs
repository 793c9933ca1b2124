namespace IdReissue.Portrait.Measures;

/// <summary>
/// How uneven the background is, on background only. Hair that reaches the photo's edges, and the soft
/// matte fringe a studio's cut-out leaves beside it, are not background: a pixel far from the background's
/// colour (taken above the hair) is left out, and so is every pixel within a halo's width of one on its
/// row. A shadow or a gradient on the backdrop changes slowly and stays near that colour, so it is kept.
/// </summary>
internal static class BackgroundSpread
{
    /// <summary>ΔE from the backdrop beyond which a pixel is something in front of it (hair, a shoulder).</summary>
    private const float Foreground = 30f;

    /// <summary>Half the larger of the 5–95 % lightness spread and twice the left/right median difference (L*).</summary>
    public static double Measure(LabImage lab, RegionStatistics backdrop, int topBand, int edge, int bottom, double halo)
    {
        Span<int> all = stackalloc int[404];
        Span<int> left = stackalloc int[404];
        Span<int> right = stackalloc int[404];
        int nAll = 0, nLeft = 0, nRight = 0;
        var w = lab.Width;
        var reach = (int)Math.Ceiling(halo);
        for (var y = 0; y < Math.Min(bottom, lab.Height); y++)
        {
            if (y < topBand)
            {
                for (var x = 0; x < w; x++)
                {
                    Add(all, ref nAll, lab.L[y * w + x]);
                }

                continue;
            }

            // Walk each outer band from the photo's edge inwards; the first foreground pixel ends it, and
            // the halo's width before that pixel is dropped as well.
            var leftEnd = BackgroundRun(lab, backdrop, y, 0, 1, Math.Min(edge + reach, w));
            for (var x = 0; x < Math.Min(edge, leftEnd - reach); x++)
            {
                Add(all, ref nAll, lab.L[y * w + x]);
                Add(left, ref nLeft, lab.L[y * w + x]);
            }

            var rightRun = BackgroundRun(lab, backdrop, y, w - 1, -1, Math.Min(edge + reach, w));
            for (var k = 0; k < Math.Min(edge, rightRun - reach); k++)
            {
                Add(all, ref nAll, lab.L[y * w + w - 1 - k]);
                Add(right, ref nRight, lab.L[y * w + w - 1 - k]);
            }
        }

        if (nAll < 50)
        {
            return 0;
        }

        var spread = Percentile(all, nAll, 0.95) - Percentile(all, nAll, 0.05);
        var sides = nLeft > 30 && nRight > 30 ? 2 * Math.Abs(Percentile(left, nLeft, 0.5) - Percentile(right, nRight, 0.5)) : 0;
        return Math.Max(spread, sides) / 2;
    }

    /// <summary>How many pixels from the start, walking in <paramref name="direction"/>, stay near the backdrop's colour.</summary>
    private static int BackgroundRun(LabImage lab, RegionStatistics backdrop, int y, int start, int direction, int limit)
    {
        var row = y * lab.Width;
        for (var k = 0; k < limit; k++)
        {
            var i = row + start + direction * k;
            var dl = lab.L[i] - backdrop.MedianL;
            var da = lab.A[i] - backdrop.MeanA;
            var db = lab.B[i] - backdrop.MeanB;
            if (dl * dl + da * da + db * db > Foreground * Foreground)
            {
                return k;
            }
        }

        return limit;
    }

    private static void Add(Span<int> histogram, ref int count, float lightness)
    {
        histogram[Math.Clamp((int)(lightness * 4), 0, histogram.Length - 1)]++;
        count++;
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
