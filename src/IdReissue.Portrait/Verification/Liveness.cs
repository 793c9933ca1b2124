using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Liveness;

namespace IdReissue.Portrait.Verification;

/// <summary>What the liveness check saw across the frames of a capture.</summary>
public sealed record LivenessResult(bool Alive, string? Problem, int FrontalFrame, double YawRange, double BlinkDepth);

/// <summary>
/// Liveness on the camera path (活体检测): the applicant is asked to turn the head or blink, and a few
/// frames of the camera are checked from their landmarks. Alive when the head turned (the nose tip moved
/// across the face by at least <see cref="MinYawRange"/> of the jaw width between frames, measured with the
/// eyes levelled so a photo rocked in its own plane does not count) or the eyes closed and opened again
/// (eye aspect ratio down to <see cref="MaxBlinkDepth"/> of the open value), every frame shows one face of
/// the same person, and the frames hang together as a camera's do (one frame size; the face's size changes
/// little from one frame to the next). A still photo held to the camera shows neither a turn nor a blink:
/// hand shake, zoom and in-plane rocking move the levelled nose ratio by a few hundredths. What it does not
/// stop: a video replay or a mask moves like a person.
/// </summary>
public static class Liveness
{
    public const int MinFrames = 3;
    public const int MaxFrames = 12;
    public const double MinYawRange = 0.12;
    public const double MaxBlinkDepth = 0.55;

    /// <summary>The most the face's width may change between consecutive frames (a camera sees ~0.5 s apart).</summary>
    public const double MaxSizeChange = 1.35;

    public static LivenessResult Check(FaceMatcher matcher, IReadOnlyList<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count is < MinFrames or > MaxFrames)
        {
            return Fail($"需要{MinFrames}至{MaxFrames}帧画面，请按提示重新拍摄。");
        }

        var yaws = new double[frames.Count];
        var widths = new double[frames.Count];
        var openness = new double[frames.Count];
        FaceTemplate? first = null;
        (int Width, int Height) firstSize = default;
        for (var i = 0; i < frames.Count; i++)
        {
            var extraction = matcher.Extract(frames[i]);
            if (extraction.Template is not { } template || extraction.Landmarks is not { } points)
            {
                return Fail("部分画面中未检测到人脸或有多张人脸，请正对镜头、只让本人出现在画面中。");
            }

            first ??= template;
            if (matcher.Policy.Judge(first.SimilarityTo(template)) != FaceMatch.Same)
            {
                return Fail("拍摄过程中画面里的人脸发生了变化，请本人重新拍摄。");
            }

            if (i > 0 && (extraction.ImageWidth, extraction.ImageHeight) != (firstSize.Width, firstSize.Height))
            {
                return Fail("画面尺寸不一致，请使用摄像头按提示连续拍摄。");
            }

            firstSize = (extraction.ImageWidth, extraction.ImageHeight);
            widths[i] = points[0].DistanceTo(points[16]);
            if (i > 0 && (widths[i] > widths[i - 1] * MaxSizeChange || widths[i] * MaxSizeChange < widths[i - 1]))
            {
                return Fail("画面中的人脸大小变化过大，请保持距离、按提示连续拍摄。");
            }

            yaws[i] = FaceSignals.Yaw(points);
            openness[i] = FaceSignals.EyeOpenness(points);
        }

        var yawRange = yaws.Max() - yaws.Min();
        var open = openness.Order().ElementAt(openness.Length * 3 / 4);
        var blinkDepth = open > 0 ? openness.Min() / open : 1;
        var frontal = Array.IndexOf(yaws, yaws.MinBy(Math.Abs));
        var alive = yawRange >= MinYawRange || blinkDepth <= MaxBlinkDepth;
        return new LivenessResult(alive, alive ? null : "未检测到转头或眨眼动作，请按提示缓慢转头或眨眼；不能使用照片代替本人。",
            frontal, Math.Round(yawRange, 3), Math.Round(blinkDepth, 3));

        static LivenessResult Fail(string problem) => new(false, problem, 0, 0, 1);
    }
}
