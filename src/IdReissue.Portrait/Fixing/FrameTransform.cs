using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// Where each pixel of the new frame comes from in the photo: a similarity (scale, rotation, shift) that
/// puts the photo's eye midpoint at a chosen point of the frame with the eyes level. Scale is photo
/// pixels per frame pixel.
/// </summary>
internal readonly record struct FrameTransform(PointF PhotoAnchor, PointF FrameAnchor, double Scale, double AngleRadians)
{
    public PointF ToPhoto(double u, double v)
    {
        var du = u - FrameAnchor.X;
        var dv = v - FrameAnchor.Y;
        var (sin, cos) = Math.SinCos(AngleRadians);
        return new PointF((float)(PhotoAnchor.X + Scale * (cos * du - sin * dv)), (float)(PhotoAnchor.Y + Scale * (sin * du + cos * dv)));
    }

    public PointF ToFrame(PointF photo)
    {
        var dx = (photo.X - PhotoAnchor.X) / Scale;
        var dy = (photo.Y - PhotoAnchor.Y) / Scale;
        var (sin, cos) = Math.SinCos(AngleRadians);
        return new PointF((float)(FrameAnchor.X + cos * dx + sin * dy), (float)(FrameAnchor.Y - sin * dx + cos * dy));
    }

    /// <summary>
    /// The frame's pixels, each the average of bilinear samples spread over its footprint in the photo (as
    /// many per side as photo pixels it spans), so a large photo shrinks without aliasing. Beyond the
    /// photo's edges the edge pixels continue: clothing cut off by the photo's lower edge goes on down,
    /// and background beyond the sides is replaced anyway.
    /// </summary>
    public RgbImage Render(RgbImage photo, int width, int height)
    {
        var output = new byte[width * height * 3];
        var taps = Math.Clamp((int)Math.Ceiling(Scale - 0.01), 1, 4);
        var (sin, cos) = Math.SinCos(AngleRadians);
        var pixels = photo.Pixels;
        var (anchorX, anchorY, frameX, frameY, scale) = (PhotoAnchor.X, PhotoAnchor.Y, FrameAnchor.X, FrameAnchor.Y, Scale);
        Parallel.For(0, height, new ParallelOptions { MaxDegreeOfParallelism = 2 }, v =>
        {
            Span<float> sum = stackalloc float[3];
            for (var u = 0; u < width; u++)
            {
                sum.Clear();
                for (var ty = 0; ty < taps; ty++)
                {
                    for (var tx = 0; tx < taps; tx++)
                    {
                        var du = u + (tx + 0.5) / taps - 0.5 - frameX;
                        var dv = v + (ty + 0.5) / taps - 0.5 - frameY;
                        var x = anchorX + scale * (cos * du - sin * dv);
                        var y = anchorY + scale * (sin * du + cos * dv);
                        Bilinear(pixels, photo.Width, photo.Height, (float)x, (float)y, sum);
                    }
                }

                var o = (v * width + u) * 3;
                var n = taps * taps;
                output[o] = (byte)Math.Clamp(sum[0] / n + 0.5f, 0, 255);
                output[o + 1] = (byte)Math.Clamp(sum[1] / n + 0.5f, 0, 255);
                output[o + 2] = (byte)Math.Clamp(sum[2] / n + 0.5f, 0, 255);
            }
        });

        return new RgbImage(width, height, output);
    }

    private static void Bilinear(byte[] pixels, int width, int height, float x, float y, Span<float> sum)
    {
        x = Math.Clamp(x, 0, width - 1.001f);
        y = Math.Clamp(y, 0, height - 1.001f);
        var x0 = (int)x;
        var y0 = (int)y;
        var fx = x - x0;
        var fy = y - y0;
        var i00 = (y0 * width + x0) * 3;
        var i01 = i00 + 3;
        var i10 = i00 + width * 3;
        var i11 = i10 + 3;
        for (var c = 0; c < 3; c++)
        {
            var top = pixels[i00 + c] + (pixels[i01 + c] - pixels[i00 + c]) * fx;
            var bottom = pixels[i10 + c] + (pixels[i11 + c] - pixels[i10 + c]) * fx;
            sum[c] += top + (bottom - top) * fy;
        }
    }
}
