using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>The face at rest in a capture: the median pose and mouth, and the eyes' open level.</summary>
public sealed class Baseline
{
    public Baseline(IReadOnlyList<FrameObservation> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        Yaw = Quantile(faces.Select(f => f.Yaw), 0.5);
        Pitch = Quantile(faces.Select(f => f.Pitch), 0.5);
        Mouth = Quantile(faces.Select(f => f.Mouth), 0.5);
        // Eyes are open most of the time; the upper quartile is their open level even with a long blink.
        Eyes = Quantile(faces.Select(f => f.Eyes), 0.75);
    }

    public double Yaw { get; }

    public double Pitch { get; }

    public double Mouth { get; }

    public double Eyes { get; }

    /// <summary>How far a frame is from rest, in the signals' own units.</summary>
    public double Deviation(FrameObservation f) =>
        Math.Abs(f.Yaw - Yaw) + Math.Abs(f.Pitch - Pitch) + Math.Max(0, f.Mouth - Mouth) + Math.Max(0, (Eyes - f.Eyes) / Math.Max(1e-3, Eyes));

    /// <summary>The frame nearest before <paramref name="index"/> (else after it) closest to rest, searched within a few frames first.</summary>
    public FrameObservation? NeutralNear(IReadOnlyList<FrameObservation> frames, int index)
    {
        ArgumentNullException.ThrowIfNull(frames);
        FrameObservation? best = null;
        var bestScore = double.MaxValue;
        foreach (var f in frames)
        {
            if (!f.HasFace)
            {
                continue;
            }

            // Prefer rest close in time (the camera and the hand moved least), before the action.
            var distance = f.Index <= index ? index - f.Index : 2 * (f.Index - index);
            var score = Deviation(f) + (distance * 0.004);
            if (score < bestScore)
            {
                (best, bestScore) = (f, score);
            }
        }

        return best;
    }

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}
