using IdReissue.Portrait.Imaging;

using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>
/// A frame shrunk to a grey thumbnail with zero mean and unit spread: small enough to compare every pair of
/// neighbouring frames cheaply, and blind to the camera's own exposure changes (a gain and an offset), so
/// that what differs between thumbnails is what moved or what was swapped.
/// </summary>
public static class FrameThumbnail
{
    public const int Width = 64;
    public const int Height = 48;

    public static float[] Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new float[Width * Height];
        var pixels = image.Pixels.AsSpan();
        for (var ty = 0; ty < Height; ty++)
        {
            int y0 = ty * image.Height / Height, y1 = Math.Max(y0 + 1, (ty + 1) * image.Height / Height);
            for (var tx = 0; tx < Width; tx++)
            {
                int x0 = tx * image.Width / Width, x1 = Math.Max(x0 + 1, (tx + 1) * image.Width / Width);
                var sum = 0;
                for (var y = y0; y < y1; y++)
                {
                    var row = pixels.Slice(((y * image.Width) + x0) * 3, (x1 - x0) * 3);
                    for (var i = 0; i < row.Length; i += 3)
                    {
                        sum += (row[i] * 77) + (row[i + 1] * 150) + (row[i + 2] * 29);
                    }
                }

                result[(ty * Width) + tx] = sum / (256f * (y1 - y0) * (x1 - x0));
            }
        }

        Standardise(result);
        return result;
    }

    /// <summary>Root-mean-square difference of two thumbnails.</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / a.Length);
    }

    /// <summary>
    /// How far <paramref name="middle"/> is from the best mix (1 − α)·a + α·b of the frames on either side,
    /// relative to how far apart those are: near 0 for a cross-fade (a mix of two pictures is exactly what a
    /// fade shows), clearly more for a moving head, which is somewhere between, not a double exposure.
    /// </summary>
    public static double BlendResidual(ReadOnlySpan<float> a, ReadOnlySpan<float> middle, ReadOnlySpan<float> b)
    {
        double dd = 0, dm = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double d = b[i] - a[i], m = middle[i] - a[i];
            dd += d * d;
            dm += d * m;
        }

        if (dd <= 0)
        {
            return 1;
        }

        var alpha = Math.Clamp(dm / dd, 0, 1);
        double residual = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var r = middle[i] - (a[i] + (alpha * (b[i] - a[i])));
            residual += r * r;
        }

        return Math.Sqrt(residual / dd);
    }

    private static void Standardise(Span<float> values)
    {
        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double spread = 0;
        foreach (var v in values)
        {
            spread += (v - mean) * (v - mean);
        }

        var scale = (float)(1 / Math.Max(1e-3, Math.Sqrt(spread / values.Length)));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((values[i] - mean) * scale);
        }
    }
}
