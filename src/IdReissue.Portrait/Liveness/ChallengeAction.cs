using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Liveness;

/// <summary>An action a liveness challenge asks for (the applicant's own left and right).</summary>
public enum ChallengeAction
{
    TurnLeft,
    TurnRight,
    Nod,
    Blink,
    OpenMouth,
}

/// <summary>The stable codes of the liveness contract (../shared/specs/liveness-contract.md).</summary>
public static class ChallengeActions
{
    public static IReadOnlyList<ChallengeAction> All { get; } = Enum.GetValues<ChallengeAction>();

    public static string Code(this ChallengeAction action) => action switch
    {
        ChallengeAction.TurnLeft => "turn_left",
        ChallengeAction.TurnRight => "turn_right",
        ChallengeAction.Nod => "nod",
        ChallengeAction.Blink => "blink",
        ChallengeAction.OpenMouth => "open_mouth",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static ChallengeAction? Parse(string code) => code switch
    {
        "turn_left" => ChallengeAction.TurnLeft,
        "turn_right" => ChallengeAction.TurnRight,
        "nod" => ChallengeAction.Nod,
        "blink" => ChallengeAction.Blink,
        "open_mouth" => ChallengeAction.OpenMouth,
        _ => null,
    };

    /// <summary>The prompt shown and spoken to the applicant.</summary>
    public static string Prompt(this ChallengeAction action) => action switch
    {
        ChallengeAction.TurnLeft => "请缓慢向左转头，再转回正面",
        ChallengeAction.TurnRight => "请缓慢向右转头，再转回正面",
        ChallengeAction.Nod => "请缓慢点头",
        ChallengeAction.Blink => "请眨眨眼",
        ChallengeAction.OpenMouth => "请张开嘴，再合上",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
