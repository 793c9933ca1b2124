using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>
/// The actions a capture shows: runs of frames whose signal departs from rest by at least the action's
/// limit (<see cref="LivenessLimits"/>), each from where it started to where it settled back.
/// </summary>
public static class ActionEvents
{
    public static List<ActionSeen> Find(IReadOnlyList<FrameObservation> frames, Baseline rest)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(rest);
        var found = new List<ActionSeen>();
        foreach (var action in ChallengeActions.All)
        {
            found.AddRange(Runs(frames, action, f => Departure(action, f, rest), LivenessLimits.DepartureAt(action)));
        }

        return [.. found.OrderBy(a => a.StartFrame)];
    }

    /// <summary>How far the frame departs from rest in the action's direction (positive: towards the action).</summary>
    public static double Departure(ChallengeAction action, FrameObservation f, Baseline rest)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(rest);
        return action switch
        {
            ChallengeAction.TurnLeft => f.Yaw - rest.Yaw,
            ChallengeAction.TurnRight => rest.Yaw - f.Yaw,
            ChallengeAction.Nod => f.Pitch - rest.Pitch,
            ChallengeAction.Blink => 1 - (f.Eyes / Math.Max(1e-3, rest.Eyes)),
            ChallengeAction.OpenMouth => f.Mouth - rest.Mouth,
            _ => 0,
        };
    }

    private static IEnumerable<ActionSeen> Runs(IReadOnlyList<FrameObservation> frames, ChallengeAction action, Func<FrameObservation, double> departure, double limit)
    {
        var i = 0;
        while (i < frames.Count)
        {
            if (!frames[i].HasFace || departure(frames[i]) < limit)
            {
                i++;
                continue;
            }

            var start = i;
            var end = i;
            var peak = i;
            // A run goes on through frames above half the limit (the action under way), one lost face allowed.
            while (end + 1 < frames.Count && (frames[end + 1].HasFace ? departure(frames[end + 1]) >= limit / 2 : end + 2 < frames.Count && frames[end + 2].HasFace && departure(frames[end + 2]) >= limit / 2))
            {
                end++;
                if (frames[end].HasFace && departure(frames[end]) > departure(frames[peak]))
                {
                    peak = end;
                }
            }

            while (start > 0 && frames[start - 1].HasFace && departure(frames[start - 1]) >= limit / 2)
            {
                start--;
            }

            yield return new ActionSeen(action, start, end, peak);
            i = end + 1;
        }
    }
}
