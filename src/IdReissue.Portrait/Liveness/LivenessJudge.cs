using System.Diagnostics;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Reasons;

using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>
/// 活体检测 of a server-drawn challenge: were the asked actions performed, in the asked order, by one living
/// person in front of a camera? Each frame's main face is located with the engine's detector and 68
/// landmarks. The capture is refused when it is not what a camera filming a person makes:
/// <list type="bullet">
/// <item>frames that jump (a hard cut between photos) or are mixes of their neighbours (a cross-fade): a slideshow;</item>
/// <item>actions whose landmark motion a flat picture moved in front of the camera also makes (a homography:
/// <see cref="PlanarMotion"/>) — a print or a screen tilted, rocked or zoomed by hand;</item>
/// <item>an asked action missing, or a different head movement in its place (order);</item>
/// <item>another face, or the face lost; and a capture that is a copy of the registry photo (the photo on the found card).</item>
/// </list>
/// Limits are in <see cref="LivenessLimits"/> with the evidence they come from (docs/portrait.md).
/// What it cannot stop alone: a video of the person replayed or an animated photo; the
/// presentation-attack model and the certified channel are for those.
/// </summary>
public sealed class LivenessJudge(FaceMatcher matcher)
{
    /// <summary>Faces at least half the main face's width count as a second person (as in face comparison).</summary>
    private const float SecondFaceShare = 0.5f;

    public LivenessJudgement Judge(IReadOnlyList<byte[]> frames, IReadOnlyList<ChallengeAction> challenge, double fps = 10, byte[]? registryPhoto = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(challenge);
        var started = Stopwatch.GetTimestamp();
        var measures = new Dictionary<string, double>();
        if (frames.Count < LivenessLimits.MinFrames(fps))
        {
            return Refuse(["too_few_frames"], "拍摄时间太短，请按提示完成全部动作。");
        }

        if (frames.Count > LivenessLimits.MaxFrames)
        {
            return Finish(LivenessJudgement.Error, ["too_many_frames"], $"画面帧数过多（最多{LivenessLimits.MaxFrames}帧），请重新拍摄。", [], 0, null);
        }

        var observed = new FrameObservation[frames.Count];
        long decoding = 0, locating = 0;
        LocatedFace? detected = null;
        PointF[]? last = null;
        for (var i = 0; i < frames.Count; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var decoded = PhotoDecoder.Decode(frames[i]);
            decoding += Stopwatch.GetTimestamp() - t0;
            if (decoded.Photo is not { } photo)
            {
                measures["unreadableFrame"] = i;
                return Finish(LivenessJudgement.Error, [PhotoReasons.UnreadableImage.Code], $"第{i + 1}帧画面无法识别：{decoded.Problem}", [], 0, null);
            }

            var t1 = Stopwatch.GetTimestamp();
            // The detector runs on every few frames (the face count, and a fresh box); between, the face is
            // followed from the last frame's landmarks, which costs a third as much.
            LocatedFace? face;
            if (i % LivenessLimits.DetectEvery != 0 && detected is not null && last is not null)
            {
                face = matcher.Engine.Track(photo.Image, detected, last);
            }
            else
            {
                face = detected = matcher.Engine.LocateMainFace(photo.Image, SecondFaceShare, smallFacesToo: false);
                if (face is not null && face.Detection.Score < LivenessLimits.FaceScoreAtLeast)
                {
                    // Not followed either: a weak detection in a test card or a wall is no face to track.
                    face = detected = null;
                }
            }

            last = face?.Landmarks;
            observed[i] = FrameObservation.Of(i, photo, face);
            locating += Stopwatch.GetTimestamp() - t1;
        }

        measures["decodeMs"] = Math.Round(decoding * 1000.0 / Stopwatch.Frequency, 1);
        measures["locateMs"] = Math.Round(locating * 1000.0 / Stopwatch.Frequency, 1);

        return Judge(observed, challenge, registryPhoto, started, measures);

        LivenessJudgement Refuse(string[] reasons, string problem) => Finish(LivenessJudgement.NotLive, reasons, problem, [], 0, null);

        LivenessJudgement Finish(string verdict, string[] reasons, string problem, IReadOnlyList<ActionSeen> actions, int best, FaceTemplate? template) =>
            new(verdict, challenge, actions, best, reasons, problem, measures, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1)) { BestTemplate = template };
    }

    private LivenessJudgement Judge(FrameObservation[] frames, IReadOnlyList<ChallengeAction> challenge, byte[]? registryPhoto, long started, Dictionary<string, double> measures)
    {
        var reasons = new List<string>();
        var problems = new List<string>();
        void Refuse(string code, string problem)
        {
            if (!reasons.Contains(code))
            {
                reasons.Add(code);
                problems.Add(problem);
            }
        }

        var faces = frames.Where(f => f.HasFace).ToArray();
        var lostShare = 1 - ((double)faces.Length / frames.Length);
        measures["faceLostShare"] = Math.Round(lostShare, 3);
        if (faces.Length < 2 || lostShare > LivenessLimits.MaxFaceLostShare)
        {
            Refuse("face_lost", "拍摄过程中多次未检测到人脸，请正对镜头、保持面部在框内。");
        }

        var crowded = frames.Count(f => f.Face is { FaceCount: > 1 });
        measures["framesWithSeveralFaces"] = crowded;
        if (crowded > LivenessLimits.MaxFramesWithSeveralFaces)
        {
            Refuse("several_people", "画面中出现了多张人脸，请只让本人出现在镜头中。");
        }

        if (frames.Select(f => (f.Width, f.Height)).Distinct().Count() > 1)
        {
            Refuse("frames_discontinuous", "画面尺寸不一致，请使用摄像头按提示连续拍摄。");
        }

        var steps = Continuity(frames, measures, Refuse);
        var trace = frames.Select(f => new FrameTrace(f.Index, f.HasFace, Math.Round(f.Yaw, 3), Math.Round(f.Pitch, 3), Math.Round(f.Eyes, 3), Math.Round(f.Mouth, 3), Math.Round(steps[f.Index], 3))).ToList();
        if (faces.Length < 2)
        {
            return Finish([], 0, null, null);
        }

        var baseline = new Baseline(faces);
        var events = ActionEvents.Find(frames, baseline);
        var performed = new List<ActionSeen>();
        var planarOnly = 0;
        foreach (var e in events)
        {
            var parallax = NonPlanarEvidence(frames, e, baseline);
            measures[$"{e.Action.Code()}@{e.PeakFrame}.nonPlanar"] = Math.Round(parallax, 3);
            measures[$"{e.Action.Code()}@{e.PeakFrame}.departure"] = Math.Round(ActionEvents.Departure(e.Action, frames[e.PeakFrame], baseline), 3);
            if (parallax >= LivenessLimits.NonPlanarAt(e.Action))
            {
                performed.Add(e);
            }
            else
            {
                planarOnly++;
            }
        }

        measures["movementsLikeAFlatPicture"] = planarOnly;
        ParallaxOverCapture(frames, baseline, measures);
        var matched = MatchInOrder(performed, challenge, out var outOfOrder);
        if (planarOnly > 0 && matched is null)
        {
            Refuse("presentation_attack", "画面中的动作像是移动、倾斜照片或屏幕造成的，请本人面对镜头按提示完成动作。");
        }

        if (matched is null || outOfOrder)
        {
            Refuse("challenge_not_performed", "未按提示的顺序完成全部动作，请按屏幕提示依次完成。");
        }

        var best = BestFrame(frames, matched ?? performed, baseline);
        var bestFace = frames[best];
        var template = matcher.Embed(bestFace.Image, bestFace.Landmarks!);
        SamePersonThroughout(frames, faces, best, template, measures, Refuse);
        double? registrySimilarity = null;
        if (registryPhoto is not null && matcher.Extract(registryPhoto).Template is { } registry)
        {
            registrySimilarity = template.SimilarityTo(registry);
            measures["registrySimilarity"] = registrySimilarity.Value;
            if (registrySimilarity >= LivenessLimits.RegistryCopyAtLeast)
            {
                Refuse("registry_photo_replayed", "拍摄到的是证件上的照片，不是本人实时画面，请本人面对镜头完成认证。");
            }
        }

        return Finish(matched ?? [], best, template, registrySimilarity);

        LivenessJudgement Finish(IReadOnlyList<ActionSeen> actions, int best, FaceTemplate? template, double? registrySimilarity) =>
            new(reasons.Count == 0 ? LivenessJudgement.Live : LivenessJudgement.NotLive, challenge, actions, best, reasons,
                problems.Count == 0 ? null : problems[0], measures, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1))
            {
                BestTemplate = template,
                RegistrySimilarity = registrySimilarity,
                Frames = trace,
            };
    }

    /// <summary>
    /// Hard cuts and cross-fades. A camera's neighbouring frames differ by a little motion, and that changes
    /// smoothly; a cut is one large change between two still runs; a fade is a run of frames each of which is
    /// a mix of the frames on either side.
    /// </summary>
    private static double[] Continuity(FrameObservation[] frames, Dictionary<string, double> measures, Action<string, string> refuse)
    {
        var n = frames.Length;
        var step = new double[n];
        for (var i = 1; i < n; i++)
        {
            step[i] = FrameThumbnail.Distance(frames[i - 1].Thumbnail, frames[i].Thumbnail);
        }

        var cuts = 0;
        var worstJump = 0.0;
        for (var i = 1; i < n; i++)
        {
            var before = i > 1 ? step[i - 1] : 0;
            var after = i + 1 < n ? step[i + 1] : 0;
            var around = Math.Max(LivenessLimits.StepNoise, Math.Max(before, after));
            worstJump = Math.Max(worstJump, step[i] / around);
            if (step[i] >= LivenessLimits.CutAtLeast && step[i] >= LivenessLimits.CutOverNeighbours * around)
            {
                cuts++;
            }
        }

        // A fade is a run of frames each a mix of its neighbours; a moving head is that only now and then, for a
        // single frame of a small movement, never for several in a row.
        var mixed = 0;
        var run = 0;
        var lowestResidual = double.MaxValue;
        for (var i = 1; i + 1 < n; i++)
        {
            var isMix = false;
            var k = LivenessLimits.FadeReach;
            if (i - k >= 0 && i + k < n)
            {
                var span = FrameThumbnail.Distance(frames[i - k].Thumbnail, frames[i + k].Thumbnail);
                if (span >= LivenessLimits.FadeSpanAtLeast)
                {
                    var residual = FrameThumbnail.BlendResidual(frames[i - k].Thumbnail, frames[i].Thumbnail, frames[i + k].Thumbnail);
                    lowestResidual = Math.Min(lowestResidual, residual);
                    isMix = residual < LivenessLimits.FadeResidualBelow;
                }
            }

            run = isMix ? run + 1 : 0;
            mixed = Math.Max(mixed, run);
        }

        measures["cuts"] = cuts;
        measures["worstJumpOverNeighbours"] = Math.Round(worstJump, 2);
        measures["longestRunOfMixedFrames"] = mixed;
        measures["lowestBlendResidual"] = lowestResidual == double.MaxValue ? -1 : Math.Round(lowestResidual, 3);
        if (cuts > 0 || mixed >= LivenessLimits.MixedRunForFade)
        {
            refuse("frames_discontinuous", "画面不连贯，像是在切换照片，请使用摄像头按提示连续拍摄。");
        }

        return step;
    }

    /// <summary>
    /// How much of the action a flat picture could not have made: the action's signal at its peak minus the
    /// same signal on the landmarks that a homography of the neutral frame's outline would have put there.
    /// </summary>
    private static double NonPlanarEvidence(FrameObservation[] frames, ActionSeen action, Baseline baseline)
    {
        var peak = frames[action.PeakFrame];
        var reference = baseline.NeutralNear(frames, action.StartFrame);
        if (reference is null || PlanarMotion.Predict(reference.Landmarks!, peak.Landmarks!) is not { } flat)
        {
            return 0;
        }

        ReadOnlySpan<PointF> f = flat;
        return action.Action switch
        {
            ChallengeAction.TurnLeft => peak.Yaw - FaceSignals.Yaw(f),
            ChallengeAction.TurnRight => FaceSignals.Yaw(f) - peak.Yaw,
            ChallengeAction.Nod => Math.Abs(peak.Pitch - FaceSignals.Pitch(f)),
            ChallengeAction.Blink => 1 - (peak.Eyes / Math.Max(1e-3, FaceSignals.EyeOpenness(f))),
            ChallengeAction.OpenMouth => peak.Mouth - FaceSignals.MouthOpenness(f),
            _ => 0,
        };
    }

    /// <summary>The largest non-planar part of each signal over the whole capture, against its most neutral frame (what a flat picture's motion reaches).</summary>
    private static void ParallaxOverCapture(FrameObservation[] frames, Baseline baseline, Dictionary<string, double> measures)
    {
        var reference = baseline.NeutralNear(frames, frames.Length / 2);
        if (reference is null)
        {
            return;
        }

        double yaw = 0, pitch = 0, eyes = 0, mouth = 0, nose = 0;
        foreach (var f in frames)
        {
            if (!f.HasFace || f == reference || PlanarMotion.Predict(reference.Landmarks!, f.Landmarks!) is not { } flat)
            {
                continue;
            }

            ReadOnlySpan<PointF> p = flat;
            yaw = Math.Max(yaw, Math.Abs(f.Yaw - FaceSignals.Yaw(p)));
            pitch = Math.Max(pitch, Math.Abs(f.Pitch - FaceSignals.Pitch(p)));
            eyes = Math.Max(eyes, 1 - (f.Eyes / Math.Max(1e-3, FaceSignals.EyeOpenness(p))));
            mouth = Math.Max(mouth, f.Mouth - FaceSignals.MouthOpenness(p));
            nose = Math.Max(nose, f.Landmarks![30].DistanceTo(flat[30]) / Math.Max(1, f.EyeDistance));
        }

        measures["captureMaxYawParallax"] = Math.Round(yaw, 3);
        measures["captureMaxPitchParallax"] = Math.Round(pitch, 3);
        measures["captureMaxEyeClosingUnexplained"] = Math.Round(eyes, 3);
        measures["captureMaxMouthUnexplained"] = Math.Round(mouth, 3);
        measures["captureMaxNoseParallax"] = Math.Round(nose, 3);
    }

    /// <summary>
    /// The asked actions as the earliest performed ones in the asked order. A head movement that was not asked
    /// at that point (turning right where left was asked first, nodding between) makes the order wrong; blinks
    /// between are not counted against it, since people blink without being asked.
    /// </summary>
    private static List<ActionSeen>? MatchInOrder(List<ActionSeen> performed, IReadOnlyList<ChallengeAction> challenge, out bool outOfOrder)
    {
        outOfOrder = false;
        var matched = new List<ActionSeen>();
        foreach (var seen in performed.OrderBy(a => a.StartFrame))
        {
            if (matched.Count == challenge.Count)
            {
                break;
            }

            if (seen.Action == challenge[matched.Count] && (matched.Count == 0 || seen.StartFrame > matched[^1].EndFrame))
            {
                matched.Add(seen);
            }
            else if (seen.Action is not (ChallengeAction.Blink or ChallengeAction.OpenMouth) && !matched.Any(m => m.Action == seen.Action))
            {
                // A head movement before its turn (or one not asked at all) is what a recording of someone else's
                // actions shows; repeating one already done, blinking and speaking are what people do anyway.
                outOfOrder = true;
            }
        }

        return matched.Count == challenge.Count ? matched : null;
    }

    /// <summary>The frame that faces the camera best, eyes open and mouth closed, outside the actions.</summary>
    private static int BestFrame(FrameObservation[] frames, IReadOnlyList<ActionSeen> actions, Baseline baseline)
    {
        var best = -1;
        var bestScore = double.MaxValue;
        foreach (var f in frames)
        {
            if (!f.HasFace || actions.Any(a => f.Index >= a.StartFrame && f.Index <= a.EndFrame))
            {
                continue;
            }

            var score = Math.Abs(f.Yaw) + Math.Abs(f.Pitch - baseline.Pitch) + Math.Max(0, baseline.Eyes - f.Eyes) + f.Mouth;
            if (score < bestScore)
            {
                (best, bestScore) = (f.Index, score);
            }
        }

        return best >= 0 ? best : frames.First(f => f.HasFace).Index;
    }

    /// <summary>One person throughout: faces spread over the capture are compared with the best frame's.</summary>
    private void SamePersonThroughout(FrameObservation[] frames, FrameObservation[] faces, int best, FaceTemplate template, Dictionary<string, double> measures, Action<string, string> refuse)
    {
        var lowest = 1.0;
        for (var k = 0; k < LivenessLimits.IdentitySamples; k++)
        {
            var f = faces[k * (faces.Length - 1) / Math.Max(1, LivenessLimits.IdentitySamples - 1)];
            if (f.Index == best)
            {
                continue;
            }

            lowest = Math.Min(lowest, template.SimilarityTo(matcher.Embed(f.Image, f.Landmarks!)));
        }

        measures["lowestSimilarityWithinCapture"] = lowest;
        if (matcher.Policy.Judge(lowest) == FaceMatch.Different)
        {
            refuse("several_people", "拍摄过程中画面里的人脸发生了变化，请本人重新拍摄。");
        }
    }
}
