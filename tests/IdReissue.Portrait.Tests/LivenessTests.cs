using IdReissue.Portrait.Verification;
using SkiaSharp;
using Xunit.Abstractions;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// Liveness from landmarks across frames: a still photo held to a camera (the same photo with hand shake:
/// small shifts, a slight zoom, re-encoded) is refused; real frames of one person turning the head (press
/// photos of face-pairs' p07 and p03, in different poses) pass; frames of two people are refused.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class LivenessTests(EngineFixture fixture, ITestOutputHelper output)
{
    private static byte[] FacePair(string name) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(EngineFixture.DevSet)!, "face-pairs", name));

    [Theory]
    [InlineData("df__img13__ok.jpg")]
    [InlineData("df__img13__roll2.jpg")]
    public void A_still_photo_held_to_the_camera_is_not_alive(string photo)
    {
        var frames = Enumerable.Range(0, 6).Select(i => HandShake(EngineFixture.DevSetFile(photo), i)).ToList();
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = Liveness.Check(matcher, frames);

        output.WriteLine($"yaw range {result.YawRange}, blink depth {result.BlinkDepth}");
        Assert.False(result.Alive);
        Assert.Contains("转头或眨眼", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("img26.jpg", "img27.jpg", "img28.jpg", "img42.jpg", "img43.jpg", "img44.jpg", "img45.jpg", "img46.jpg")]
    [InlineData("img13.jpg", "img15.jpg", "img57.jpg", "img58.jpg")]
    public void Real_frames_of_one_person_turning_the_head_are_alive(params string[] photos)
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = Liveness.Check(matcher, [.. photos.Select(FacePair)]);

        output.WriteLine($"yaw range {result.YawRange}, blink depth {result.BlinkDepth}, problem {result.Problem}");
        Assert.True(result.Alive, result.Problem);
    }

    [Fact]
    public void Frames_that_change_person_are_refused()
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = Liveness.Check(matcher, [FacePair("img26.jpg"), FacePair("img27.jpg"), FacePair("img13.jpg")]);

        Assert.False(result.Alive);
        Assert.Contains("人脸发生了变化", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_frames_are_refused()
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        Assert.False(Liveness.Check(matcher, [EngineFixture.DevSetFile("df__img13__ok.jpg")]).Alive);
    }

    /// <summary>The photo as a camera would see it held in a hand: shifted a few pixels, zoomed up to 3 %, re-encoded.</summary>
    private static byte[] HandShake(byte[] photo, int frame)
    {
        using var bitmap = SKBitmap.Decode(photo);
        using var surface = SKSurface.Create(new SKImageInfo(bitmap.Width, bitmap.Height));
        surface.Canvas.Clear(SKColors.White);
        var zoom = 1 + 0.006f * frame;
        surface.Canvas.Translate((frame % 3) - 1.5f, (frame % 2) * 2f);
        surface.Canvas.Scale(zoom, zoom, bitmap.Width / 2f, bitmap.Height / 2f);
        using var image = SKImage.FromBitmap(bitmap);
        surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
