using System.Text.Json;
using IdReissue.Domain.Gateways;
using IdReissue.Portrait.Liveness;

namespace IdReissue.Web.Applications;

/// <summary>
/// What 实人认证 found for an application, kept (sealed, like every stored file) for the officer: the
/// channel, the challenge the server drew, where each action was seen and the stored frame that shows it,
/// the attack score and the similarity to the registry photo. Never shown to the applicant or anyone anonymous.
/// </summary>
public sealed record RealPersonReport(
    string Channel,
    string Liveness,
    IReadOnlyList<string> Challenge,
    IReadOnlyList<RealPersonReportAction> Actions,
    double? Similarity,
    double? AttackScore,
    string? ProviderCode,
    int FrameCount,
    int FramesPerSecond,
    DateTimeOffset CompletedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static RealPersonReport? FromJson(byte[] json) => JsonSerializer.Deserialize<RealPersonReport>(json, Json);

    public static string Code(LivenessAction action) => ((ChallengeAction)action).Code();

    public static string Prompt(LivenessAction action) => ((ChallengeAction)action).Prompt();

    public static string Chinese(string code) => code switch
    {
        "turn_left" => "向左转头",
        "turn_right" => "向右转头",
        "nod" => "点头",
        "blink" => "眨眼",
        "open_mouth" => "张嘴",
        _ => code,
    };
}

/// <summary>One asked action: the frames it spanned and the stored frame (a file of the application) that shows it most.</summary>
public sealed record RealPersonReportAction(string Action, int StartFrame, int EndFrame, int? PeakFrame, Guid? FrameFileId);
