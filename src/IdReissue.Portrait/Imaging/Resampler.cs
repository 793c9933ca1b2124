namespace IdReissue.Portrait.Imaging;

/// <summary>Samples a square region of an image into a network input tensor (NHWC, float), averaging the
/// source pixels each output pixel covers, so a 12-megapixel photo shrinks without aliasing. Pixels
/// outside the image are black, as a letterbox.</summary>
public static class Resampler
{
    public static void SquareToTensor(RgbImage image, float left, float top, float side, int size, Span<float> tensor, float scale, float offset)
    {
        if (tensor.Length < size * size * 3)
        {
            throw new ArgumentException("The tensor is too small.", nameof(tensor));
        }

        var step = side / size;
        var pixels = image.Pixels.AsSpan();
        var width = image.Width;
        var height = image.Height;
        for (var oy = 0; oy < size; oy++)
        {
            var sy0 = top + oy * step;
            var y0 = (int)MathF.Floor(sy0);
            var y1 = Math.Max(y0 + 1, (int)MathF.Floor(sy0 + step));
            for (var ox = 0; ox < size; ox++)
            {
                var sx0 = left + ox * step;
                var x0 = (int)MathF.Floor(sx0);
                var x1 = Math.Max(x0 + 1, (int)MathF.Floor(sx0 + step));
                int r = 0, g = 0, b = 0, n = 0;
                for (var y = y0; y < y1; y++)
                {
                    if ((uint)y >= (uint)height)
                    {
                        n += x1 - x0;
                        continue;
                    }

                    var row = y * width * 3;
                    for (var x = x0; x < x1; x++)
                    {
                        n++;
                        if ((uint)x >= (uint)width)
                        {
                            continue;
                        }

                        var i = row + x * 3;
                        r += pixels[i];
                        g += pixels[i + 1];
                        b += pixels[i + 2];
                    }
                }

                var o = (oy * size + ox) * 3;
                tensor[o] = (float)r / n * scale + offset;
                tensor[o + 1] = (float)g / n * scale + offset;
                tensor[o + 2] = (float)b / n * scale + offset;
            }
        }
    }

    /// <summary>The image box-averaged down by <paramref name="factor"/> (≥ 1) in both directions.</summary>
    public static RgbImage Shrink(RgbImage image, float factor)
    {
        var width = Math.Max(1, (int)(image.Width / factor));
        var height = Math.Max(1, (int)(image.Height / factor));
        var output = new byte[width * height * 3];
        var pixels = image.Pixels.AsSpan();
        for (var oy = 0; oy < height; oy++)
        {
            var y0 = (int)(oy * factor);
            var y1 = Math.Min(image.Height, Math.Max(y0 + 1, (int)((oy + 1) * factor)));
            for (var ox = 0; ox < width; ox++)
            {
                var x0 = (int)(ox * factor);
                var x1 = Math.Min(image.Width, Math.Max(x0 + 1, (int)((ox + 1) * factor)));
                int r = 0, g = 0, b = 0;
                for (var y = y0; y < y1; y++)
                {
                    var row = y * image.Width * 3;
                    for (var x = x0; x < x1; x++)
                    {
                        var i = row + x * 3;
                        r += pixels[i];
                        g += pixels[i + 1];
                        b += pixels[i + 2];
                    }
                }

                var n = (y1 - y0) * (x1 - x0);
                var o = (oy * width + ox) * 3;
                output[o] = (byte)(r / n);
                output[o + 1] = (byte)(g / n);
                output[o + 2] = (byte)(b / n);
            }
        }

        return new RgbImage(width, height, output);
    }
}
