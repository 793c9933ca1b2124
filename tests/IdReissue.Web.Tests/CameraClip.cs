using IdReissue.Portrait;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Specifications;
using SkiaSharp;

namespace IdReissue.Web.Tests;

/// <summary>
/// Camera frames made of real photos: each face-pairs photo placed in a 640×480 frame with its face 200 px
/// wide in the middle, as one camera sees one person. p03's photos in turned poses (the demo residents'
/// registry person) make the nearest to a head-turn clip the shared sets hold.
/// </summary>
public static class CameraClip
{
    public static readonly string[] RegisteredPersonTurning = ["img13.jpg", "img15.jpg", "img57.jpg", "img58.jpg"];

    private static readonly Lazy<PortraitEngine> Engine = new(() =>
        new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory)));

    public static List<byte[]> Of(IEnumerable<string> facePairsFiles) => [.. facePairsFiles.Select(f => Framed(ServiceFixture.SharedPhoto("face-pairs", f)))];

    private static byte[] Framed(byte[] photo)
    {
        var decoded = PhotoDecoder.Decode(photo).Photo!;
        var points = Engine.Value.LocateMainFace(decoded.Image)!.Landmarks;
        var toFile = (float)(1 / decoded.Scale);
        var scale = 200 / (points[0].DistanceTo(points[16]) * toFile);
        using var bitmap = SKBitmap.Decode(photo);
        using var surface = SKSurface.Create(new SKImageInfo(640, 480));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Translate(320, 240);
        surface.Canvas.Scale(scale);
        surface.Canvas.Translate(-(points[0].X + points[16].X) / 2 * toFile, -(points[0].Y + points[16].Y) / 2 * toFile);
        using var image = SKImage.FromBitmap(bitmap);
        surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 88);
        return data.ToArray();
    }
}
