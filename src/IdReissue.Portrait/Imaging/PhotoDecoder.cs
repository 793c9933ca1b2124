using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SkiaSharp;

namespace IdReissue.Portrait.Imaging;

/// <summary>
/// Decodes a photo with Skia: refuses by header what is too big to decode safely (a decompression bomb
/// is rejected before any pixel is allocated), decodes large photos at a reduced scale, and applies the
/// EXIF orientation, so the analysis sees the photo as a person would.
/// </summary>
public static class PhotoDecoder
{
    /// <summary>Larger images are refused unread: 100 megapixels would need 400 MB to decode.</summary>
    public const long MaxEncodedPixels = 60_000_000;

    public const long MaxFileBytes = 30 * 1024 * 1024;

    /// <summary>A format the decoder cannot scale (PNG, WebP, GIF; JPEG it can) is decoded whole: above this
    /// many pixels (64 MB decoded) it is refused by its header, so an anonymous check cannot make the
    /// service allocate hundreds of megabytes with a small, well-compressed file.</summary>
    public const long MaxUnscaledPixels = 16_000_000;

    /// <summary>Large photos are decoded so that their long side is about this many pixels: enough for a
    /// face that fills a fifth of the frame to be ~130 px wide, and JPEG decodes at 1/2, 1/4 or 1/8 scale
    /// almost for free.</summary>
    public const int AnalysisLongSide = 720;

    public static DecodeResult Decode(ReadOnlySpan<byte> file) => Decode(file, reusePixels: false);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte})"/>, but the pixels go into this thread's buffer from the previous call
    /// when the size is the same (every ID photo is 358 × 441): the image is valid only until the next such call on
    /// the thread. For a check, which keeps nothing of the image; a fresh 470 KB array per check landed on the large
    /// object heap and set off a full collection every dozen checks.
    /// </summary>
    internal static DecodeResult DecodeForOneCheck(ReadOnlySpan<byte> file) => Decode(file, reusePixels: true);

    [ThreadStatic]
    private static byte[]? _checkPixels;

    private static DecodeResult Decode(ReadOnlySpan<byte> file, bool reusePixels)
    {
        if (file.Length == 0)
        {
            return DecodeResult.Fail("文件为空，请重新选择照片。");
        }

        if (file.Length > MaxFileBytes)
        {
            return DecodeResult.Fail($"文件过大（{file.Length / 1024 / 1024}MB），请上传{MaxFileBytes / 1024 / 1024}MB以内的照片。");
        }

        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return DecodeResult.Fail("无法识别的图片文件，请上传JPEG格式的照片。");
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxEncodedPixels)
        {
            return DecodeResult.Fail($"图片尺寸异常（{info.Width}×{info.Height}像素），无法处理。");
        }

        var format = codec.EncodedFormat.ToString().ToLowerInvariant();
        var longSide = Math.Max(info.Width, info.Height);
        var scale = longSide > AnalysisLongSide * 1.5 ? (float)AnalysisLongSide / longSide : 1f;
        var size = scale < 1f ? codec.GetScaledDimensions(scale) : info.Size;
        if ((long)size.Width * size.Height > MaxUnscaledPixels)
        {
            return DecodeResult.Fail($"图片像素过多（{info.Width}×{info.Height}），请上传JPEG格式的照片，或把图片缩小到1600万像素以内后再上传。");
        }

        var decoded = DecodePixels(codec, size, reusePixels, out var image, out var hasAlpha);
        if (decoded is not SKCodecResult.Success)
        {
            return DecodeResult.Fail(decoded == SKCodecResult.IncompleteInput ? "图片文件不完整（可能传输中断），请重新上传。" : "图片数据损坏，无法读取，请重新导出照片后上传。");
        }

        var swap = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return DecodeResult.Ok(new DecodedPhoto
        {
            Format = format,
            Width = swap ? info.Height : info.Width,
            Height = swap ? info.Width : info.Height,
            FileBytes = file.Length,
            Greyscale = info.ColorType == SKColorType.Gray8 || IsNearlyGrey(image),
            HasAlpha = hasAlpha || info.AlphaType is not SKAlphaType.Opaque,
            // Skia converts CMYK to RGB silently; the header tells what the file really holds.
            EncodedComponents = ImageHeader.Read(file)?.Components ?? 3,
            Animated = codec.FrameCount > 1,
            Image = image,
        });
    }

    /// <summary>
    /// The photo again at a chosen scale of its encoded pixels (at least <paramref name="minScale"/>; JPEG
    /// decodes at eighths almost for free), oriented as <see cref="Decode"/> does. For the photo fixer,
    /// which needs the face at its full detail where the check needs only its shape. Null when the file
    /// does not decode (it was decoded once already, so this is not expected) or would exceed the
    /// decoder's pixel limits.
    /// </summary>
    public static RgbImage? DecodeScaled(ReadOnlySpan<byte> file, float minScale)
    {
        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxEncodedPixels)
        {
            return null;
        }

        var scale = Math.Clamp(minScale, 0.05f, 1f);
        var size = codec.GetScaledDimensions(scale);
        // The codec rounds to its nearest scale, which may be below the one asked for.
        if (size.Width < codec.Info.Width * scale - 1)
        {
            size = codec.GetScaledDimensions(Math.Min(1f, scale + 0.125f));
        }

        if (size.Width < codec.Info.Width * scale - 1)
        {
            size = codec.Info.Size;
        }

        if ((long)size.Width * size.Height > MaxEncodedPixels || (!IsScalable(codec) && (long)size.Width * size.Height > MaxUnscaledPixels))
        {
            return null;
        }

        return DecodePixels(codec, size, reusePixels: false, out var image, out _) == SKCodecResult.Success ? image : null;
    }

    private static bool IsScalable(SKCodec codec) => codec.EncodedFormat == SKEncodedImageFormat.Jpeg;

    private static SKCodecResult DecodePixels(SKCodec codec, SKSizeI size, bool reusePixels, out RgbImage image, out bool hasAlpha)
    {
        var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(decodeInfo);
        var decoded = codec.GetPixels(decodeInfo, bitmap.GetPixels());
        if (decoded is not SKCodecResult.Success)
        {
            image = new RgbImage(0, 0, []);
            hasAlpha = false;
            return decoded;
        }

        if (codec.EncodedOrigin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            image = ToRgb(bitmap, reusePixels, out hasAlpha);
        }
        else
        {
            using var oriented = Orient(bitmap, codec.EncodedOrigin);
            image = ToRgb(oriented, reusePixels, out hasAlpha);
        }

        return decoded;
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        var w = result.Width;
        var h = result.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    private static RgbImage ToRgb(SKBitmap bitmap, bool reusePixels, out bool hasAlpha)
    {
        var width = bitmap.Width;
        var height = bitmap.Height;
        var rgba = bitmap.GetPixelSpan();
        var length = width * height * 3;
        byte[] rgb;
        if (!reusePixels)
        {
            rgb = new byte[length];
        }
        else
        {
            rgb = _checkPixels is { } kept && kept.Length == length ? kept : new byte[length];
            _checkPixels = rgb;
        }

        var translucent = false;
        int i = 0, o = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Four opaque pixels at a time, packed by one shuffle: the per-pixel loop was a third of a camera
            // frame's decode time. Only opaque groups take this path, so the bytes written are those below.
            var notAlpha = Vector128.Create((byte)255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0);
            var pack = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 255, 255, 255, 255);
            ref var source = ref MemoryMarshal.GetReference(rgba);
            ref var target = ref MemoryMarshal.GetArrayDataReference(rgb);
            for (; i + 16 <= rgba.Length && o + 16 <= length; i += 16, o += 12)
            {
                var group = Vector128.LoadUnsafe(ref source, (nuint)i);
                if (!Vector128.EqualsAll(group | notAlpha, Vector128<byte>.AllBitsSet))
                {
                    break;
                }

                Vector128.Shuffle(group, pack).StoreUnsafe(ref target, (nuint)o);
            }
        }

        for (; i < rgba.Length; i += 4, o += 3)
        {
            var alpha = rgba[i + 3];
            if (alpha == 255)
            {
                rgb[o] = rgba[i];
                rgb[o + 1] = rgba[i + 1];
                rgb[o + 2] = rgba[i + 2];
                continue;
            }

            translucent |= alpha < 250;
            // Transparent pixels are shown on white, as a browser or a print would show them.
            rgb[o] = (byte)((rgba[i] * alpha + 255 * (255 - alpha)) / 255);
            rgb[o + 1] = (byte)((rgba[i + 1] * alpha + 255 * (255 - alpha)) / 255);
            rgb[o + 2] = (byte)((rgba[i + 2] * alpha + 255 * (255 - alpha)) / 255);
        }

        hasAlpha = translucent;
        return new RgbImage(width, height, rgb);
    }

    /// <summary>Colour photos saved from greyscale carry three equal channels.</summary>
    private static bool IsNearlyGrey(RgbImage image)
    {
        var pixels = image.Pixels.AsSpan();
        long spread = 0;
        var count = 0;
        for (var i = 0; i < pixels.Length; i += 3 * 7)
        {
            int r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
            spread += Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
            count++;
        }

        return count > 0 && (double)spread / count < 2.0;
    }
}

/// <summary>A decoded photo, or the reason it could not be read (Chinese, for the citizen).</summary>
public sealed record DecodeResult(DecodedPhoto? Photo, string? Problem)
{
    public static DecodeResult Ok(DecodedPhoto photo) => new(photo, null);

    public static DecodeResult Fail(string problem) => new(null, problem);
}
