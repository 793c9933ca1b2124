using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Faces;

/// <summary>
/// Puts a face where a recognition network expects it: the similarity transform (rotation, uniform scale,
/// shift; no shear, so the face keeps its shape) that best maps five landmarks (eye centres, nose tip,
/// mouth corners) onto the ArcFace 112×112 template, by least squares over all five points. Each output
/// pixel averages a grid of bilinear samples as wide as the source pixels it covers, so a large face is
/// shrunk without aliasing and a small one is not made blockier than it is.
/// </summary>
public static class FaceAlignment
{
    public const int Size = 112;

    // The template the network was trained on (eye centres, nose tip, mouth corners; image left first).
    private static readonly PointF[] Template =
    [
        new(38.2946f, 51.6963f), new(73.5318f, 51.5014f), new(56.0252f, 71.7366f), new(41.5493f, 92.3655f), new(70.7299f, 92.2041f),
    ];

    /// <summary>The five template points from the 68-point landmarks (iBUG order).</summary>
    public static PointF[] FivePoints(IReadOnlyList<PointF> landmarks68)
    {
        ArgumentNullException.ThrowIfNull(landmarks68);
        return [Mean(landmarks68, 36, 42), Mean(landmarks68, 42, 48), landmarks68[30], landmarks68[48], landmarks68[54]];
    }

    /// <summary>
    /// Writes the aligned face into <paramref name="tensor"/> as planar RGB (3 × 112 × 112), each value
    /// mapped as (v − 127.5) / 128. Returns the source pixels per output pixel (how much the face was shrunk).
    /// </summary>
    public static float WriteTensor(RgbImage image, ReadOnlySpan<PointF> fivePoints, Span<float> tensor)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (fivePoints.Length != 5 || tensor.Length < 3 * Size * Size)
        {
            throw new ArgumentException("Five points and a 3×112×112 tensor are needed.", nameof(tensor));
        }

        // Least-squares similarity from the template to the image: image = [a −b; b a]·template + t.
        float mtx = 0, mty = 0, mix = 0, miy = 0;
        for (var i = 0; i < 5; i++)
        {
            mtx += Template[i].X; mty += Template[i].Y; mix += fivePoints[i].X; miy += fivePoints[i].Y;
        }

        mtx /= 5; mty /= 5; mix /= 5; miy /= 5;
        float dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < 5; i++)
        {
            float tx = Template[i].X - mtx, ty = Template[i].Y - mty, ix = fivePoints[i].X - mix, iy = fivePoints[i].Y - miy;
            dot += tx * ix + ty * iy;
            cross += tx * iy - ty * ix;
            norm += tx * tx + ty * ty;
        }

        var a = dot / norm;
        var b = cross / norm;
        var scale = MathF.Sqrt(a * a + b * b);
        var samples = Math.Clamp((int)MathF.Ceiling(scale), 1, 8);
        var pixels = image.Pixels.AsSpan();
        var plane = Size * Size;
        var weight = 1f / (samples * samples);
        for (var v = 0; v < Size; v++)
        {
            for (var u = 0; u < Size; u++)
            {
                float r = 0, g = 0, bl = 0;
                for (var sy = 0; sy < samples; sy++)
                {
                    var ty = v + (sy + 0.5f) / samples - 0.5f - mty;
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var tx = u + (sx + 0.5f) / samples - 0.5f - mtx;
                        Bilinear(pixels, image.Width, image.Height, a * tx - b * ty + mix, b * tx + a * ty + miy, out var pr, out var pg, out var pb);
                        r += pr; g += pg; bl += pb;
                    }
                }

                var o = v * Size + u;
                tensor[o] = (r * weight - 127.5f) / 128f;
                tensor[plane + o] = (g * weight - 127.5f) / 128f;
                tensor[2 * plane + o] = (bl * weight - 127.5f) / 128f;
            }
        }

        return scale;
    }

    private static void Bilinear(ReadOnlySpan<byte> pixels, int width, int height, float x, float y, out float r, out float g, out float b)
    {
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        var x0 = Math.Min((int)x, width - 2 < 0 ? 0 : width - 2);
        var y0 = Math.Min((int)y, height - 2 < 0 ? 0 : height - 2);
        var x1 = Math.Min(x0 + 1, width - 1);
        var y1 = Math.Min(y0 + 1, height - 1);
        float fx = x - x0, fy = y - y0;
        int i00 = (y0 * width + x0) * 3, i01 = (y0 * width + x1) * 3, i10 = (y1 * width + x0) * 3, i11 = (y1 * width + x1) * 3;
        float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
        r = pixels[i00] * w00 + pixels[i01] * w01 + pixels[i10] * w10 + pixels[i11] * w11;
        g = pixels[i00 + 1] * w00 + pixels[i01 + 1] * w01 + pixels[i10 + 1] * w10 + pixels[i11 + 1] * w11;
        b = pixels[i00 + 2] * w00 + pixels[i01 + 2] * w01 + pixels[i10 + 2] * w10 + pixels[i11 + 2] * w11;
    }

    private static PointF Mean(IReadOnlyList<PointF> points, int from, int to)
    {
        float x = 0, y = 0;
        for (var i = from; i < to; i++)
        {
            x += points[i].X;
            y += points[i].Y;
        }

        return new PointF(x / (to - from), y / (to - from));
    }
}
