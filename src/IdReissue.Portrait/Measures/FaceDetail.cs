using System.Buffers;

namespace IdReissue.Portrait.Measures;

/// <summary>
/// Sharpness that means the same on every face: the face is first averaged down to a fixed number of
/// pixels per face width, so a large photo or a large face is not judged sharper for its pixels, and the
/// Laplacian there is divided by the face's own lightness spread, so pale, dark, smooth-skinned or made-up
/// faces are not judged blurred for having less contrast. What is left is how steep the face's edges
/// (eyes, brows, nostrils, lips) are for their height: a blur lowers it whatever the face.
/// </summary>
internal static class FaceDetail
{
    /// <summary>Grid pixels per face width: coarse enough that skin pores and JPEG noise average out, fine
    /// enough that an eyelid is still an edge.</summary>
    public const int PixelsPerFaceWidth = 96;

    public static double? Measure(LabImage lab, PixelRect region, double faceWidth)
    {
        var step = Math.Max(1e-3, faceWidth / PixelsPerFaceWidth);
        var (x0, y0, x1, y1) = region.Clip(lab.Width, lab.Height);
        var gw = (int)((x1 - x0) / step);
        var gh = (int)((y1 - y0) / step);
        if (gw < 8 || gh < 8)
        {
            return null;
        }

        var buffer = ArrayPool<float>.Shared.Rent(gw * gh);
        try
        {
            var grid = buffer.AsSpan(0, gw * gh);
            Average(lab, x0, y0, step, gw, gh, grid);
            double sum = 0, sumSquares = 0;
            var n = 0;
            for (var y = 1; y < gh - 1; y++)
            {
                for (var x = 1; x < gw - 1; x++)
                {
                    var i = y * gw + x;
                    double lap = grid[i - 1] + grid[i + 1] + grid[i - gw] + grid[i + gw] - 4 * grid[i];
                    sum += lap;
                    sumSquares += lap * lap;
                    n++;
                }
            }

            var spread = Spread(grid);
            if (n < 50 || spread < 1)
            {
                return null;
            }

            var laplacian = Math.Sqrt(Math.Max(0, sumSquares / n - (sum / n) * (sum / n)));
            return 100 * laplacian / spread;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static void Average(LabImage lab, int left, int top, double step, int gw, int gh, Span<float> grid)
    {
        var l = lab.L;
        for (var gy = 0; gy < gh; gy++)
        {
            var sy0 = (int)(top + gy * step);
            var sy1 = Math.Min(lab.Height, Math.Max(sy0 + 1, (int)(top + (gy + 1) * step)));
            for (var gx = 0; gx < gw; gx++)
            {
                var sx0 = (int)(left + gx * step);
                var sx1 = Math.Min(lab.Width, Math.Max(sx0 + 1, (int)(left + (gx + 1) * step)));
                float total = 0;
                for (var y = sy0; y < sy1; y++)
                {
                    var row = y * lab.Width;
                    for (var x = sx0; x < sx1; x++)
                    {
                        total += l[row + x];
                    }
                }

                grid[gy * gw + gx] = total / ((sy1 - sy0) * (sx1 - sx0));
            }
        }
    }

    /// <summary>5–95 % spread of lightness on the grid, from a histogram in quarter units (no sort).</summary>
    private static double Spread(ReadOnlySpan<float> grid)
    {
        Span<int> histogram = stackalloc int[404];
        foreach (var v in grid)
        {
            histogram[Math.Clamp((int)(v * 4), 0, 403)]++;
        }

        return Percentile(histogram, grid.Length, 0.95) - Percentile(histogram, grid.Length, 0.05);
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

        return 101;
    }
}
