using System.Text;
using SkiaSharp;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// A video file for Chromium's fake camera (--use-file-for-fake-video-capture): YUV4MPEG2, 4:2:0, each
/// photo fitted on white in a 640×480 frame, played at the given rate and looped by Chromium.
/// </summary>
internal static class FakeCameraFile
{
    private const int Width = 640;
    private const int Height = 480;

    public static string Write(IEnumerable<byte[]> photos, int framesPerSecond, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"idreissue-{name}-{Guid.NewGuid():N}.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F{framesPerSecond}:1 Ip A1:1 C420jpeg\n"));
        foreach (var photo in photos)
        {
            file.Write("FRAME\n"u8);
            file.Write(ToI420(photo));
        }

        return path;
    }

    private static byte[] ToI420(byte[] photo)
    {
        using var source = SKBitmap.Decode(photo);
        using var frame = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(SKColors.White);
            var scale = Math.Min((float)Width / source.Width, (float)Height / source.Height);
            var w = source.Width * scale;
            var h = source.Height * scale;
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, new SKRect((Width - w) / 2, (Height - h) / 2, (Width + w) / 2, (Height + h) / 2), new SKSamplingOptions(SKFilterMode.Linear));
        }

        var rgba = frame.GetPixelSpan();
        var yuv = new byte[Width * Height * 3 / 2];
        var uPlane = Width * Height;
        var vPlane = uPlane + Width * Height / 4;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = (y * Width + x) * 4;
                int r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
                yuv[y * Width + x] = (byte)Math.Clamp((77 * r + 150 * g + 29 * b) >> 8, 0, 255);
                if ((x & 1) == 0 && (y & 1) == 0)
                {
                    var c = (y / 2) * (Width / 2) + x / 2;
                    yuv[uPlane + c] = (byte)Math.Clamp(((-43 * r - 85 * g + 128 * b) >> 8) + 128, 0, 255);
                    yuv[vPlane + c] = (byte)Math.Clamp(((128 * r - 107 * g - 21 * b) >> 8) + 128, 0, 255);
                }
            }
        }

        return yuv;
    }
}
