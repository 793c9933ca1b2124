using System.Globalization;
using System.Text;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.TencentSms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IdReissue.Infrastructure.TencentFaceId;

/// <summary>
/// 实人认证 through Tencent Cloud FaceID 人脸核身 (API 3.0, service faceid, version 2018-03-01): DetectAuth
/// opens an attempt on Tencent's H5 page for the name and number we send, Tencent compares the live face
/// with the authority's photo, and GetDetectInfoEnhanced fetches the verdict once the applicant is back.
/// Tencent lets a BizToken's result be fetched again for three days, so "once" is ours: a completed token
/// is kept beside the gateways' notification ids (<see cref="ReceivedNotification"/>, source
/// "faceid:TencentCloud") and a second completion is refused, on every node.
/// </summary>
public sealed partial class TencentFaceIdVerification(
    IHttpClientFactory httpClientFactory, IDbContextFactory<IdReissueDbContext> dbFactory, IOptions<TencentFaceIdOptions> options, TimeProvider time,
    ILogger<TencentFaceIdVerification> logger) : IRealPersonVerification
{
    public const string ChannelName = "tencent-faceid";
    public const string HttpClientName = "tencent-faceid";
    public const string CompletedSource = "faceid:TencentCloud";
    public const string Service = "faceid";
    public const string Version = "2018-03-01";

    /// <summary>Text (1) and the best frame (3): no ID card images (2) and no video (4), which we would only have to protect and delete.</summary>
    public const string InfoType = "13";

    private const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly string _secretKey = GatewaySecret.Require(options.Value.SecretKey, options.Value.SecretKeyFile, "TencentFaceId:SecretKey");

    public string Channel => ChannelName;

    public async Task<RealPersonAttempt> BeginAsync(RealPersonRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var issuedAt = time.GetUtcNow();
        var answer = await CallAsync("DetectAuth",
            new DetectAuthRequest(settings.RuleId, request.CitizenId, request.Name, request.ReturnUrl.AbsoluteUri, request.Reference), fetchingResult: false,
            cancellationToken);
        var bizToken = answer.TryGetProperty("BizToken", out var token) ? token.GetString() : null;
        var url = answer.TryGetProperty("Url", out var link) ? link.GetString() : null;
        if (string.IsNullOrEmpty(bizToken) || !Uri.TryCreate(url, UriKind.Absolute, out var page) || page.Scheme != Uri.UriSchemeHttps)
        {
            // No page to send the applicant to: the RuleId is not an H5 flow, or the answer is not what is documented.
            throw Refused(TencentFaceIdOutcome.Misconfigured, "DetectAuth:NoUrl");
        }

        var lifetime = settings.TokenLifetime > TimeSpan.Zero && settings.TokenLifetime < TencentFaceIdOptions.DocumentedTokenLifetime
            ? settings.TokenLifetime
            : TencentFaceIdOptions.DocumentedTokenLifetime;
        // Counted from before the call, so that we never offer a token Tencent has already let go.
        return new RealPersonAttempt(bizToken, issuedAt + lifetime, [], 0, page);
    }

    public async Task<RealPersonResult> CompleteAsync(RealPersonCompletion completion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(completion.Token))
        {
            throw Refused(TencentFaceIdOutcome.SessionUnknown, "EmptyToken");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.ReceivedNotifications.AnyAsync(n => n.Source == CompletedSource && n.NotificationId == completion.Token, cancellationToken))
            {
                throw Refused(TencentFaceIdOutcome.SessionUsed, "CompletedBefore");
            }
        }

        var settings = options.Value;
        var answer = await CallAsync("GetDetectInfoEnhanced", new GetDetectInfoRequest(completion.Token, settings.RuleId, InfoType), fetchingResult: true,
            cancellationToken);
        var text = answer.TryGetProperty("Text", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;

        if (text.ValueKind != JsonValueKind.Object)
        {
            // InfoType 13 always brings Text; without it there is nothing to judge.
            throw Refused(TencentFaceIdOutcome.Transient, "GetDetectInfoEnhanced:NoText");
        }

        // Extra is what we passed to DetectAuth: a token begun for another application is refused before
        // anything else is said about it. It is required below once there is a verdict; an unfinished
        // attempt may come back without it.
        var extra = Str(text, "Extra");
        if (!string.IsNullOrEmpty(extra) && !string.Equals(extra, completion.Reference, StringComparison.Ordinal))
        {
            throw Mismatched("Extra");
        }

        var errCode = Int(text, "ErrCode");
        if (TencentFaceIdCodes.ClassifyFinal(errCode) is { } final)
        {
            throw Refused(final, "ErrCode:" + (errCode?.ToString(CultureInfo.InvariantCulture) ?? "null"));
        }

        if (!string.Equals(extra, completion.Reference, StringComparison.Ordinal))
        {
            throw Mismatched("Extra");
        }

        // The check digit X may come back in either case; nothing else may differ.
        if (!string.Equals(Str(text, "IdCard"), completion.CitizenId, StringComparison.OrdinalIgnoreCase))
        {
            throw Mismatched("IdCard");
        }

        var result = Verdict(text, errCode!.Value, settings) with { ProviderCode = errCode.Value.ToString(CultureInfo.InvariantCulture) };
        // A frame that did not pass liveness is nobody's verified capture (docs/security.md: refused captures
        // are never kept), so it is not even handed on.
        result = result with { BestFrame = result.Liveness == LivenessVerdict.NotLive ? null : BestFrame(answer) };

        // A concurrent completion of the same token recorded it first: only one of them counts.
        if (!await OnceOnlyRecord.TryRecordAsync(dbFactory, new ReceivedNotification
            {
                Source = CompletedSource, NotificationId = completion.Token, Reference = completion.Reference, ReceivedAt = time.GetUtcNow(),
                Outcome = result.ProviderCode ?? string.Empty,
            }))
        {
            throw Refused(TencentFaceIdOutcome.SessionUsed, "CompletedConcurrently");
        }

        return result;
    }

    /// <summary>
    /// LiveStatus, then Comparestatus with Sim (0–100), as a verdict. Codes that say Tencent itself failed
    /// (engine timeouts, the authority's database) throw instead: they say nothing about the applicant.
    /// </summary>
    private RealPersonResult Verdict(JsonElement text, int errCode, TencentFaceIdOptions settings)
    {
        // The stage codes can be absent in older answers; the final code then tells which stage failed.
        var live = Int(text, "LiveStatus") ?? (errCode is >= 1000 and < 2000 ? errCode : 0);
        var compare = Int(text, "Comparestatus") ?? (errCode is >= 2000 and < 3000 ? errCode : 0);
        var similarity = Double(text, "Sim");
        List<string> reasons = [];

        if (live != 0)
        {
            if (live is 1001 or 1006 or 1007 or 1008)
            {
                throw Refused(TencentFaceIdOutcome.Transient, "LiveStatus:" + live.ToString(CultureInfo.InvariantCulture));
            }

            AddReason(reasons, Str(text, "LiveMsg"), "未通过活体检测。");
            return Result(LivenessVerdict.NotLive, FaceVerificationOutcome.CaptureUnusable, reasons, "未通过活体检测，请本人正对屏幕按提示重新核身。", similarity);
        }

        switch (compare)
        {
            case 2001:
                throw Refused(TencentFaceIdOutcome.Transient, "Comparestatus:2001");
            case 2002 or 2003 or 2006:
                throw Refused(TencentFaceIdOutcome.IdentityMismatch, "Comparestatus:" + compare.ToString(CultureInfo.InvariantCulture));
            case 2005 or 2007 or 2008 or 2009:
                throw Refused(TencentFaceIdOutcome.RegistryPhotoMissing, "Comparestatus:" + compare.ToString(CultureInfo.InvariantCulture));
            case 2004 or 2010:
                AddReason(reasons, Str(text, "Comparemsg"), "未采集到完整清晰的人脸。");
                return Result(LivenessVerdict.Live, FaceVerificationOutcome.CaptureUnusable, reasons, "未采集到完整清晰的人脸，请正对屏幕重新核身。", similarity);
        }

        if (similarity is not { } sim)
        {
            // A comparison without its similarity is not the documented answer.
            throw Refused(TencentFaceIdOutcome.Transient, "Sim:missing");
        }

        if (compare == 0 && sim >= settings.MatchSimilarity)
        {
            return Result(LivenessVerdict.Live, FaceVerificationOutcome.Match, reasons, null, sim);
        }

        // Tencent's rule refused (2016 "相似度未达到通过阈值", other 2xxx), or it passed below our own bar.
        AddReason(reasons, compare == 0 ? null : Str(text, "Comparemsg"), null);
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"相似度 {sim:0.##}（通过线 {settings.MatchSimilarity:0.##}）。"));
        return sim >= settings.AppearanceChangedSimilarity
            ? Result(LivenessVerdict.Live, FaceVerificationOutcome.AppearanceChanged, reasons, "人脸与证件照片差异较大，请到派出所窗口办理。", sim)
            : Result(LivenessVerdict.Live, FaceVerificationOutcome.NoMatch, reasons, "人脸与证件照片不一致，请本人重新核身。", sim);
    }

    private RealPersonResult Result(LivenessVerdict liveness, FaceVerificationOutcome outcome, List<string> reasons, string? problem, double? similarity) =>
        new(Channel, liveness, outcome, [], [], reasons, problem, similarity, null, null);

    private static void AddReason(List<string> reasons, string? providerMessage, string? fallback)
    {
        var reason = string.IsNullOrWhiteSpace(providerMessage) ? fallback : providerMessage.Trim();
        if (reason is not null)
        {
            reasons.Add(reason);
        }
    }

    /// <summary>The best frame Tencent chose from the video, kept with the result for the officer (docs: retention as for captures).</summary>
    private static byte[]? BestFrame(JsonElement answer)
    {
        if (!answer.TryGetProperty("BestFrame", out var best) || best.ValueKind != JsonValueKind.Object
            || !best.TryGetProperty("BestFrame", out var frame) || frame.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var value = frame.GetString();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var bytes = new byte[value.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(value, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>One signed call; returns Response, or throws what Response.Error.Code means.</summary>
    private async Task<JsonElement> CallAsync<T>(string action, T body, bool fetchingResult, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var payload = JsonSerializer.Serialize(body, Json);
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization",
            TencentCloudSignature.Authorization(settings.SecretId, _secretKey, Service, settings.Endpoint.Authority, ContentType, action, payload, now));
        request.Headers.Add("X-TC-Action", action);
        request.Headers.Add("X-TC-Version", Version);
        request.Headers.Add("X-TC-Timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(settings.Region))
        {
            request.Headers.Add("X-TC-Region", settings.Region);
        }

        JsonElement answer;
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            answer = json.RootElement.GetProperty("Response").Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or JsonException or KeyNotFoundException or InvalidOperationException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Refused(TencentFaceIdOutcome.Transient, action + ":" + e.GetType().Name);
        }

        if (answer.ValueKind != JsonValueKind.Object)
        {
            throw Refused(TencentFaceIdOutcome.Transient, action + ":NoResponse");
        }

        if (answer.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = Str(error, "Code") ?? string.Empty;
            throw Refused(TencentFaceIdCodes.ClassifyError(code, fetchingResult), action + ":" + code);
        }

        return answer;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>The status codes are numbers in the documented answers; a string is read the same.</summary>
    private static int? Int(JsonElement element, string name) =>
        int.TryParse(Str(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Sim is a string ("95.51") in the documented answers; a number is read the same. Outside 0–100 it is not a similarity.</summary>
    private static double? Double(JsonElement element, string name) =>
        double.TryParse(Str(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100 ? value : null;

    private DomainException Mismatched(string field)
    {
        LogRefused(logger, TencentFaceIdOutcome.IdentityMismatch, "Mismatch:" + field);
        return new DomainException("face_session_mismatch", "该人脸核身记录不属于本次申请，请重新发起核身。", DomainErrorKind.Forbidden);
    }

    /// <summary>Logs the provider's code (never the number, the name or the token) and says what it means to the applicant.</summary>
    private DomainException Refused(TencentFaceIdOutcome outcome, string code)
    {
        LogRefused(logger, outcome, code);
        return outcome switch
        {
            TencentFaceIdOutcome.SessionExpired => new DomainException("face_session_expired", "人脸核身已超时，请重新发起核身。", DomainErrorKind.Conflict),
            TencentFaceIdOutcome.SessionUnknown => new DomainException("face_session_unknown", "未找到该人脸核身记录，请重新发起核身。", DomainErrorKind.NotFound),
            TencentFaceIdOutcome.SessionUsed => new DomainException("face_session_used", "该人脸核身结果已使用过，请重新发起核身。", DomainErrorKind.Conflict),
            TencentFaceIdOutcome.SessionIncomplete => new DomainException("face_session_incomplete", "人脸核身尚未完成，请在核身页面完成后再返回。", DomainErrorKind.Conflict),
            TencentFaceIdOutcome.RetryLimit => new DomainException("face_retry_limit", "本次人脸核身的重试次数已用完，请重新发起核身。", DomainErrorKind.Conflict),
            TencentFaceIdOutcome.IdentityMismatch => new DomainException("face_identity_mismatch", "姓名与身份证号码核验不一致，请到派出所窗口办理。"),
            TencentFaceIdOutcome.RegistryPhotoMissing => new DomainException("face_registry_photo_unavailable", "未能取得您的证件照片，请到派出所窗口办理。",
                DomainErrorKind.Unavailable),
            TencentFaceIdOutcome.RateLimited => new DomainException("face_rate_limited", "人脸核身服务繁忙，请稍后再试。", DomainErrorKind.Unavailable),
            _ => new DomainException("face_unavailable", "人脸核身服务暂时不可用，请稍后再试。", DomainErrorKind.Unavailable),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tencent Cloud FaceID refused: {Outcome} ({Code})")]
    private static partial void LogRefused(ILogger logger, TencentFaceIdOutcome outcome, string code);

    private sealed record DetectAuthRequest(string RuleId, string IdCard, string Name, string RedirectUrl, string Extra);

    private sealed record GetDetectInfoRequest(string BizToken, string RuleId, string InfoType);
}
