using IdReissue.Portrait.Verification;
using SkiaSharp;
using Xunit.Abstractions;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// Liveness from landmarks across frames: a still photo held to a camera (the same photo with hand shake:
/// small shifts, a slight zoom, re-encoded; or rocked in its own plane) is refused; a clip made of real
/// photos of one person in different poses, each framed so the face has one size in a 640×480 frame (the
/// nearest to a head turn the shared sets hold), passes; frames of two people, or of different sizes, are refused.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class LivenessTests(EngineFixture fixture, ITestOutputHelper output)
{
    private static readonly float[] RockAngles = [-16f, -8f, 0f, 8f, 16f];
    private static readonly string[] TwoPeople = ["img26.jpg", "img27.jpg", "img13.jpg"];
    private static readonly string[] OnePersonPoses = ["img13.jpg", "img15.jpg", "img57.jpg", "img58.jpg"];

    private static byte[] FacePair(string name) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(EngineFixture.DevSet)!, "face-pairs", name));

    [Theory]
    [InlineData("df__img13__ok.jpg")]
    [InlineData("df__img13__roll2.jpg")]
    public void A_still_photo_held_to_the_camera_is_not_alive(string photo)
    {
        var frames = Enumerable.Range(0, 6).Select(i => HandShake(EngineFixture.DevSetFile(photo), i)).ToList();
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = IdReissue.Portrait.Verification.Liveness.Check(matcher, frames);

        output.WriteLine($"yaw range {result.YawRange}, blink depth {result.BlinkDepth}");
        Assert.False(result.Alive);
        Assert.Contains("转头或眨眼", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_still_photo_rocked_in_its_own_plane_is_not_alive()
    {
        var frames = RockAngles.Select(angle => Rotated(EngineFixture.DevSetFile("df__img13__ok.jpg"), angle)).ToList();
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = IdReissue.Portrait.Verification.Liveness.Check(matcher, frames);

        output.WriteLine($"yaw range {result.YawRange}, blink depth {result.BlinkDepth}, problem {result.Problem}");
        Assert.False(result.Alive);
    }

    [Fact]
    public void A_clip_made_of_one_persons_real_photos_in_turned_poses_is_alive()
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = IdReissue.Portrait.Verification.Liveness.Check(matcher, [.. OnePersonPoses.Select(p => InCameraFrame(FacePair(p)))]);

        output.WriteLine($"yaw range {result.YawRange}, blink depth {result.BlinkDepth}, problem {result.Problem}");
        Assert.True(result.Alive, result.Problem);
    }

    [Fact]
    public void Frames_that_change_person_are_refused()
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = IdReissue.Portrait.Verification.Liveness.Check(matcher, [.. TwoPeople.Select(p => InCameraFrame(FacePair(p)))]);

        Assert.False(result.Alive);
        Assert.Contains("人脸发生了变化", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_of_different_sizes_are_not_a_camera_and_are_refused()
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        var result = IdReissue.Portrait.Verification.Liveness.Check(matcher, [.. OnePersonPoses.Select(FacePair)]);

        Assert.False(result.Alive);
        Assert.Contains("尺寸不一致", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_frames_are_refused()
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());

        Assert.False(IdReissue.Portrait.Verification.Liveness.Check(matcher, [EngineFixture.DevSetFile("df__img13__ok.jpg")]).Alive);
    }

    /// <summary>The photo in a 640×480 frame with its face 200 px wide in the middle, as one camera sees one person.</summary>
    private byte[] InCameraFrame(byte[] photo)
    {
        var decoded = IdReissue.Portrait.Imaging.PhotoDecoder.Decode(photo).Photo!;
        var face = fixture.Engine.LocateMainFace(decoded.Image)!;
        var toFile = 1 / decoded.Scale;
        var jaw = face.Landmarks[0].DistanceTo(face.Landmarks[16]) * toFile;
        var centre = IdReissue.Portrait.Faces.PointF.Midpoint(face.Landmarks[0], face.Landmarks[16]);
        var scale = 200 / jaw;
        return Redrawn(photo, 640, 480, (canvas, image, _, _) =>
        {
            canvas.Translate(320, 240);
            canvas.Scale((float)scale);
            canvas.Translate((float)(-centre.X * toFile), (float)(-centre.Y * toFile));
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        });
    }

    /// <summary>The photo turned by <paramref name="degrees"/> about its centre, as if rocked in a hand.</summary>
    private static byte[] Rotated(byte[] photo, float degrees) => Redrawn(photo, null, null, (canvas, image, w, h) =>
    {
        canvas.RotateDegrees(degrees, w / 2f, h / 2f);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
    });

    private static byte[] Redrawn(byte[] photo, int? width, int? height, Action<SKCanvas, SKImage, int, int> draw)
    {
        using var bitmap = SKBitmap.Decode(photo);
        using var surface = SKSurface.Create(new SKImageInfo(width ?? bitmap.Width, height ?? bitmap.Height));
        surface.Canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        draw(surface.Canvas, image, bitmap.Width, bitmap.Height);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 88);
        return data.ToArray();
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
