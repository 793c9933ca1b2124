using SkiaSharp;

namespace IdReissue.Portrait.Imaging;

/// <summary>Encodes pixels as JPEG, at the highest quality whose file fits a size limit.</summary>
public static class JpegWriter
{
    public static byte[] Encode(RgbImage image, int quality)
    {
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>From quality 95 down in steps of 5 (not below 60, where blocks start to show) until the file
    /// is at most <paramref name="maxBytes"/>; the last try when none fits. Colour is kept at full resolution
    /// (4:4:4): halved colour bleeds the lips' red over a thin row of teeth, and the check then sees less tooth
    /// in the photo it is given than in the one it was made from.</summary>
    public static byte[] EncodeWithin(RgbImage image, long maxBytes)
    {
        using var bitmap = ToBitmap(image);
        using var pixels = bitmap.PeekPixels();
        byte[] encoded = [];
        for (var quality = 95; quality >= 60; quality -= 5)
        {
            using var data = pixels.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore))
                ?? throw new InvalidOperationException("The JPEG encoder refused the image.");
            encoded = data.ToArray();
            if (encoded.Length <= maxBytes)
            {
                break;
            }
        }

        return encoded;
    }

    /// <summary>A small JPEG of a photo of any size, upright, to show on a page; null when it does not decode.</summary>
    public static byte[]? Preview(ReadOnlySpan<byte> file, int longSide)
    {
        var header = PhotoDecoder.Decode(file);
        if (header.Photo is not { } photo)
        {
            return null;
        }

        var scale = Math.Min(1f, longSide / (float)Math.Max(photo.Width, photo.Height));
        var image = photo.Scale >= scale ? photo.Image : PhotoDecoder.DecodeScaled(file, scale) ?? photo.Image;
        return Encode(image, 80);
    }

    public static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan().ToArray();
        var rgb = image.Pixels;
        for (int i = 0, o = 0; i < rgb.Length; i += 3, o += 4)
        {
            rgba[o] = rgb[i];
            rgba[o + 1] = rgb[i + 1];
            rgba[o + 2] = rgb[i + 2];
            rgba[o + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}
