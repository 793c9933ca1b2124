using System.ComponentModel.DataAnnotations;
using IdReissue.Infrastructure.Configuration;

namespace IdReissue.Infrastructure.TencentFaceId;

/// <summary>
/// Configuration section "TencentFaceId": Tencent Cloud FaceID 人脸核身 (API 3.0, service faceid,
/// version 2018-03-01), the certified 实人认证 channel. Timeouts, retries and the circuit breaker of its HTTP
/// client are the standard resilience handler's, tuned under "TencentFaceId:Resilience".
/// </summary>
public sealed class TencentFaceIdOptions : IValidatableObject
{
    public const string Section = "TencentFaceId";

    /// <summary>Tencent documents a BizToken as valid for 7,200 seconds from DetectAuth.</summary>
    public static readonly TimeSpan DocumentedTokenLifetime = TimeSpan.FromSeconds(7200);

    /// <summary>Offer 实人认证 through Tencent Cloud FaceID.</summary>
    public bool Enabled { get; set; }

    public Uri Endpoint { get; set; } = new("https://faceid.tencentcloudapi.com");

    /// <summary>
    /// The X-TC-Region header. DetectAuth and GetDetectInfoEnhanced take none ("本接口不需要传递此参数"), so
    /// it is sent only when set.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>The API key's SecretId (a CAM sub-user with FaceID rights only).</summary>
    public string SecretId { get; set; } = string.Empty;

    /// <summary>The API key's SecretKey, or <see cref="SecretKeyFile"/>.</summary>
    public string? SecretKey { get; set; }

    public string? SecretKeyFile { get; set; }

    /// <summary>The 业务流程 (RuleId) created and approved in the FaceID console.</summary>
    public string RuleId { get; set; } = string.Empty;

    /// <summary>
    /// How long an attempt is offered for. Never longer than <see cref="DocumentedTokenLifetime"/>; shorter
    /// if the bureau wants the page to be finished sooner.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = DocumentedTokenLifetime;

    /// <summary>
    /// The similarity (Sim, 0–100) at or above which a comparison Tencent passed is a match. The service's
    /// target is at most 1 false accept in 10,000 (as FaceMatchPolicy's); Tencent's documents put that at 80
    /// (ImageRecognition: 70 ≈ 1 in 1,000, 80 ≈ 1 in 10,000; its V2 page says 70 ≈ 1 in 10,000), so the
    /// stricter reading applies. A rule in the console may pass at its own threshold; this one applies on top.
    /// </summary>
    public double MatchSimilarity { get; set; } = 80;

    /// <summary>
    /// Below <see cref="MatchSimilarity"/> but at or above this, the face is neither clearly the holder nor
    /// clearly another person: the appearance changed, and only a police window can proceed. Below it, it
    /// is another person. Our setting, not Tencent's: Tencent documents no such band.
    /// </summary>
    public double AppearanceChangedSimilarity { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        !Enabled ? [] : new GatewaySettingsCheck(Section)
            .Text(SecretId, nameof(SecretId))
            .Secret(SecretKey, SecretKeyFile, nameof(SecretKey))
            .Text(RuleId, nameof(RuleId))
            .Rule(TokenLifetime > TimeSpan.Zero && TokenLifetime <= DocumentedTokenLifetime,
                $"TencentFaceId:TokenLifetime must be more than zero and at most {DocumentedTokenLifetime} (the BizToken's documented life).", nameof(TokenLifetime))
            .Rule(MatchSimilarity is > 0 and <= 100 && AppearanceChangedSimilarity is > 0 and <= 100 && AppearanceChangedSimilarity <= MatchSimilarity,
                "TencentFaceId:MatchSimilarity and TencentFaceId:AppearanceChangedSimilarity are 0–100, the second at most the first.", nameof(MatchSimilarity))
            .Problems;
}
