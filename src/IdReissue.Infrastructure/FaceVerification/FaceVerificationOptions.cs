using IdReissue.Portrait.Verification;
using System.ComponentModel.DataAnnotations;

namespace IdReissue.Infrastructure.FaceVerification;

/// <summary>
/// Limits of face verification ("FaceVerification" section). Unset, the engine's limits chosen from the
/// labelled face pairs apply (IdReissue.Portrait.Verification.FaceMatchPolicy, docs/portrait.md); a bureau
/// may tighten them after measuring on its own registry photos.
/// </summary>
public sealed class FaceVerificationOptions : IValidatableObject
{
    public const string Section = "FaceVerification";

    /// <summary>At or above: the same person.</summary>
    [Range(-1.0, 1.0, ErrorMessage = "FaceVerification:SameAtLeast must be a cosine similarity between {1} and {2}.")]
    public double? SameAtLeast { get; set; }

    /// <summary>Below: clearly another person. Between the two: appearance changed, to a police window.</summary>
    [Range(-1.0, 1.0, ErrorMessage = "FaceVerification:DifferentBelow must be a cosine similarity between {1} and {2}.")]
    public double? DifferentBelow { get; set; }

    /// <summary>How long a drawn liveness challenge may be answered: long enough for a slow, careful person
    /// (care mode gives each action more time), short enough that a token cannot be kept for later.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00", ErrorMessage = "FaceVerification:ChallengeLifetime must be between {1} and {2}.")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The rate the portal records camera frames at; the judgement's continuity limits assume it.</summary>
    [Range(5, 30, ErrorMessage = "FaceVerification:FramesPerSecond must be between {1} and {2}.")]
    public int FramesPerSecond { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Either may be left to the engine's limit; the pair in force must still be ordered.
        var same = SameAtLeast ?? FaceMatchPolicy.Default.SameAtLeast;
        var different = DifferentBelow ?? FaceMatchPolicy.Default.DifferentBelow;
        if (different > same)
        {
            yield return new ValidationResult(
                $"FaceVerification:DifferentBelow ({different}) must not be above FaceVerification:SameAtLeast ({same}).", [nameof(DifferentBelow)]);
        }
    }
}
