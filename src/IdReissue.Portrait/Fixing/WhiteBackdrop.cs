using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// Puts the matted person on white. A matte edge pixel mixes the person with the old background; laying
/// it as it is on white leaves a dark or coloured fringe (the halo of cheap cut-outs). So the person's
/// own colour is estimated there first (blur-fusion foreground estimation, Forte and Pitié 2021: local
/// averages of person and background, corrected by the pixel's own value, twice, with a wide then a
/// narrow window), and only that is mixed with white. Where the matte is 1 the estimate equals the pixel:
/// the person is never repainted, and inside the face outline the matte is held at 1 whatever the
/// network says, so the face keeps every original pixel.
/// </summary>
internal static class WhiteBackdrop
{
    private const float Opaque = 0.995f;
    private const float Clear = 0.005f;

    public static RgbImage Composite(RgbImage frame, float[] alpha, IReadOnlyList<PointF> faceOutline)
    {
        var width = frame.Width;
        var height = frame.Height;
        alpha = Tightened(alpha, width, height);
        KeepFaceOpaque(alpha, width, height, faceOutline);
        var count = width * height;
        var image = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            image[c] = new float[count];
            for (var i = 0; i < count; i++)
            {
                image[c][i] = frame.Pixels[3 * i + c];
            }
        }

        var (foreground, background) = Estimate(image, image, image, alpha, width, height, Math.Max(8, width / 20));
        (foreground, _) = Estimate(image, foreground, background, alpha, width, height, Math.Max(2, width / 120));

        var output = new byte[count * 3];
        for (var i = 0; i < count; i++)
        {
            var a = alpha[i];
            for (var c = 0; c < 3; c++)
            {
                var value = a >= Opaque ? image[c][i] : a <= Clear ? 255f : a * Math.Clamp(foreground[c][i], 0, 255) + (1 - a) * 255f;
                output[3 * i + c] = (byte)Math.Clamp(value + 0.5f, 0, 255);
            }
        }

        return new RgbImage(width, height, output);
    }

    /// <summary>
    /// The matte pulled in by a pixel and its faint tail cut: the network's edge, computed at a little under
    /// the frame's resolution and enlarged, lies half a pixel to a pixel outside the hair, where the old
    /// background's colour is all there is to estimate from; that rim is what shows as a dark or coloured line.
    /// </summary>
    private static float[] Tightened(float[] alpha, int width, int height)
    {
        var output = new float[alpha.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var least = alpha[y * width + x];
                for (var dy = -1; dy <= 1; dy++)
                {
                    var yy = Math.Clamp(y + dy, 0, height - 1);
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        least = Math.Min(least, alpha[yy * width + Math.Clamp(x + dx, 0, width - 1)]);
                    }
                }

                output[y * width + x] = Math.Clamp((least - 0.1f) / 0.8f, 0f, 1f);
            }
        }

        return output;
    }

    /// <summary>One blur-fusion step: local averages of the person (weighted by the matte) and of the
    /// background (by its complement), then each moved so that their mix gives the observed pixel.</summary>
    private static (float[][] Foreground, float[][] Background) Estimate(
        float[][] image, float[][] foregroundGuess, float[][] backgroundGuess, float[] alpha, int width, int height, int radius)
    {
        var count = width * height;
        var weightF = BoxBlur(alpha, width, height, radius);
        var inverse = new float[count];
        for (var i = 0; i < count; i++)
        {
            inverse[i] = 1 - alpha[i];
        }

        var weightB = BoxBlur(inverse, width, height, radius);
        var foreground = new float[3][];
        var background = new float[3][];
        var weighted = new float[count];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < count; i++)
            {
                weighted[i] = alpha[i] * foregroundGuess[c][i];
            }

            var f = BoxBlur(weighted, width, height, radius);
            for (var i = 0; i < count; i++)
            {
                weighted[i] = inverse[i] * backgroundGuess[c][i];
            }

            var b = BoxBlur(weighted, width, height, radius);
            for (var i = 0; i < count; i++)
            {
                var fMean = weightF[i] > 1e-4f ? f[i] / weightF[i] : image[c][i];
                var bMean = weightB[i] > 1e-4f ? b[i] / weightB[i] : image[c][i];
                var a = alpha[i];
                var residual = image[c][i] - a * fMean - (1 - a) * bMean;
                f[i] = fMean + a * residual;
                b[i] = bMean + (1 - a) * residual;
            }

            foreground[c] = f;
            background[c] = b;
        }

        return (foreground, background);
    }

    /// <summary>Mean over a (2r+1)² box, by running sums along rows then columns; edges average what is inside.</summary>
    private static float[] BoxBlur(float[] source, int width, int height, int radius)
    {
        var rows = new float[source.Length];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            double sum = 0;
            var n = 0;
            for (var x = 0; x <= Math.Min(radius, width - 1); x++)
            {
                sum += source[row + x];
                n++;
            }

            for (var x = 0; x < width; x++)
            {
                rows[row + x] = (float)(sum / n);
                var add = x + radius + 1;
                var remove = x - radius;
                if (add < width)
                {
                    sum += source[row + add];
                    n++;
                }

                if (remove >= 0)
                {
                    sum -= source[row + remove];
                    n--;
                }
            }
        }

        var output = new float[source.Length];
        for (var x = 0; x < width; x++)
        {
            double sum = 0;
            var n = 0;
            for (var y = 0; y <= Math.Min(radius, height - 1); y++)
            {
                sum += rows[y * width + x];
                n++;
            }

            for (var y = 0; y < height; y++)
            {
                output[y * width + x] = (float)(sum / n);
                var add = y + radius + 1;
                var remove = y - radius;
                if (add < height)
                {
                    sum += rows[add * width + x];
                    n++;
                }

                if (remove >= 0)
                {
                    sum -= rows[remove * width + x];
                    n--;
                }
            }
        }

        return output;
    }

    /// <summary>Matte 1 inside the polygon (even-odd rule), scanning only its bounding box.</summary>
    private static void KeepFaceOpaque(float[] alpha, int width, int height, IReadOnlyList<PointF> outline)
    {
        if (outline.Count < 3)
        {
            return;
        }

        var top = Math.Max(0, (int)outline.Min(p => p.Y));
        var bottom = Math.Min(height - 1, (int)Math.Ceiling(outline.Max(p => p.Y)));
        for (var y = top; y <= bottom; y++)
        {
            var crossings = new List<float>();
            for (int i = 0, j = outline.Count - 1; i < outline.Count; j = i++)
            {
                var a = outline[i];
                var b = outline[j];
                if ((a.Y > y) != (b.Y > y))
                {
                    crossings.Add(a.X + (y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                }
            }

            crossings.Sort();
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                var from = Math.Max(0, (int)Math.Ceiling(crossings[k]));
                var to = Math.Min(width - 1, (int)crossings[k + 1]);
                for (var x = from; x <= to; x++)
                {
                    alpha[y * width + x] = 1f;
                }
            }
        }
    }
}
