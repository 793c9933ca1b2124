using SkiaSharp;

namespace IdReissue.Portrait.Bench;

/// <summary>A 4000×3000 JPEG at quality 92, as a phone saves it, with an ID photo's face (≈ 770 px wide) in the middle of a wall.</summary>
internal static class PhonePhoto
{
    public const int Width = 4000;
    public const int Height = 3000;

    public static byte[] Around(byte[] idPhoto, SKColor wall)
    {
        using var face = SKBitmap.Decode(idPhoto);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        surface.Canvas.Clear(wall);
        using var image = SKImage.FromBitmap(face);
        surface.Canvas.DrawImage(image, new SKRect(1280, 420, 2720, 2194), new SKSamplingOptions(SKFilterMode.Linear));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }
}
