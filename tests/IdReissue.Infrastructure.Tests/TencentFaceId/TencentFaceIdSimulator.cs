using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IdReissue.Infrastructure.Tests.TencentFaceId;

/// <summary>
/// Tencent Cloud FaceID 人脸核身 (faceid 2018-03-01) as documented (cloud.tencent.com/document/api/1007):
/// DetectAuth and GetDetectInfoEnhanced, in-process. Each request's TC3-HMAC-SHA256 signature is recomputed
/// from its own reading of the protocol and refused with AuthFailure.SignatureFailure when it differs. A
/// BizToken lives 7,200 s for the H5 page and its result can be fetched for three days after it was issued,
/// by the shared clock. What the applicant does on the page is played by the test (<see cref="Play"/>).
/// </summary>
internal sealed partial class TencentFaceIdSimulator(TimeProvider clock) : HttpMessageHandler
{
    public const string SecretId = "AKIDfaceidsimulator00000000000000000";
    public const string RuleId = "7";
    public static readonly Uri Endpoint = new("https://faceid.tencentcloudapi.com/");

    private static readonly TimeSpan PageLifetime = TimeSpan.FromSeconds(7200);
    private static readonly TimeSpan ResultLifetime = TimeSpan.FromSeconds(3 * 24 * 3600);

    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    public string SecretKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>The key the simulator checks signatures with; a different one stands for a wrong SecretKey at our side.</summary>
    public string? CheckWithKey { get; set; }

    /// <summary>An error to answer to the next call of an action instead of its result (e.g. RequestLimitExceeded).</summary>
    public ConcurrentDictionary<string, string> ErrorFor { get; } = new();

    public ConcurrentQueue<(string Action, JsonNode Payload)> Received { get; } = new();

    public IReadOnlyDictionary<string, Session> Sessions => _sessions;

    /// <summary>The applicant on Tencent's page: what the page decided, at the current time.</summary>
    public void Play(string bizToken, PageOutcome outcome) => _sessions[bizToken].Outcome = outcome;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var payload = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var action = request.Headers.TryGetValues("X-TC-Action", out var actions) ? actions.Single() : string.Empty;
        var version = request.Headers.TryGetValues("X-TC-Version", out var versions) ? versions.Single() : string.Empty;
        if (version != "2018-03-01" || !Signed(request, action, payload))
        {
            return Error("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
        }

        var body = JsonNode.Parse(payload)!;
        Received.Enqueue((action, body));
        if (ErrorFor.TryRemove(action, out var code))
        {
            return Error(code, code);
        }

        return action switch
        {
            "DetectAuth" => DetectAuth(body),
            "GetDetectInfoEnhanced" => GetDetectInfoEnhanced(body),
            _ => Error("InvalidAction", "The action requested is invalid."),
        };
    }

    private HttpResponseMessage DetectAuth(JsonNode body)
    {
        if (Text(body, "RuleId") != RuleId)
        {
            return Error("InvalidParameterValue.RuleIdNotExist", "RuleId不存在，请到人脸核身控制台申请。");
        }

        var token = Guid.NewGuid().ToString().ToUpperInvariant();
        _sessions[token] = new Session(Text(body, "IdCard") ?? string.Empty, Text(body, "Name") ?? string.Empty, Text(body, "RedirectUrl") ?? string.Empty,
            Text(body, "Extra") ?? string.Empty, clock.GetUtcNow());
        return Answer(new JsonObject
        {
            ["Url"] = $"https://faceid.qq.com/api/auth/h5?token={token}",
            ["BizToken"] = token,
        });
    }

    private HttpResponseMessage GetDetectInfoEnhanced(JsonNode body)
    {
        if (Text(body, "RuleId") != RuleId)
        {
            return Error("InvalidParameterValue.RuleIdNotExist", "RuleId不存在，请到人脸核身控制台申请。");
        }

        if (Text(body, "BizToken") is not { } token || !_sessions.TryGetValue(token, out var session))
        {
            return Error("InvalidParameter", "非法BizToken。");
        }

        var age = clock.GetUtcNow() - session.IssuedAt;
        if (age > ResultLifetime || (session.Outcome is null && age > PageLifetime))
        {
            return Error("InvalidParameterValue.BizTokenExpired", "BizToken过期。");
        }

        var infoType = Text(body, "InfoType") ?? "0";
        var played = session.Outcome;
        var text = new JsonObject
        {
            ["ErrCode"] = played?.ErrCode,
            ["ErrMsg"] = played?.ErrMsg,
            ["IdCard"] = played is null ? string.Empty : played.IdCard ?? session.IdCard,
            ["Name"] = played is null ? string.Empty : session.Name,
            ["LiveStatus"] = played?.LiveStatus,
            ["LiveMsg"] = played?.LiveMsg,
            ["Comparestatus"] = played?.CompareStatus,
            ["Comparemsg"] = played?.CompareMsg,
            ["Sim"] = played?.Sim,
            ["Location"] = null,
            ["Extra"] = session.Extra,
            ["LivenessDetail"] = new JsonArray(),
            ["Mobile"] = string.Empty,
            ["CompareLibType"] = "权威库",
            ["LivenessMode"] = 1,
        };
        var bestFrame = played?.BestFrame is { } frame && (infoType.Contains('3', StringComparison.Ordinal) || infoType == "0")
            ? new JsonObject { ["BestFrame"] = Convert.ToBase64String(frame), ["BestFrames"] = new JsonArray() }
            : null;
        return Answer(new JsonObject
        {
            ["Text"] = infoType.Contains('1', StringComparison.Ordinal) || infoType == "0" ? text : null,
            ["IdCardData"] = null,
            ["BestFrame"] = bestFrame,
            ["VideoData"] = null,
            ["Encryption"] = new JsonObject { ["EncryptList"] = new JsonArray(), ["CiphertextBlob"] = string.Empty, ["Iv"] = string.Empty, ["Algorithm"] = string.Empty, ["TagList"] = new JsonArray() },
            ["IntentionVerifyData"] = null,
            ["IntentionQuestionResult"] = null,
            ["IntentionActionResult"] = null,
            ["EncryptedBody"] = string.Empty,
        });
    }

    /// <summary>TC3-HMAC-SHA256 recomputed from the request as received.</summary>
    private bool Signed(HttpRequestMessage request, string action, string payload)
    {
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : string.Empty;
        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success || match.Groups["id"].Value != SecretId || match.Groups["service"].Value != "faceid"
            || !request.Headers.TryGetValues("X-TC-Timestamp", out var stamps)
            || !long.TryParse(stamps.Single(), CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) > 300
            || DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) != match.Groups["date"].Value)
        {
            return false;
        }

        var date = match.Groups["date"].Value;
        var signedHeaders = match.Groups["headers"].Value.Split(';');
        var headerValues = new Dictionary<string, string>
        {
            ["content-type"] = request.Content?.Headers.ContentType?.ToString() ?? string.Empty,
            // In process there is no Host header on the message: it is the URL's authority on the wire.
            ["host"] = request.Headers.Host ?? request.RequestUri!.Authority,
            ["x-tc-action"] = action,
        };
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("content-type") || signedHeaders.Any(h => !headerValues.ContainsKey(h)))
        {
            return false;
        }

        var canonicalHeaders = string.Concat(signedHeaders.Order(StringComparer.Ordinal).Select(h => $"{h}:{headerValues[h].Trim().ToLowerInvariant()}\n"));
        var canonicalRequest = $"POST\n/\n\n{canonicalHeaders}\n{match.Groups["headers"].Value}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))}";
        var stringToSign = $"TC3-HMAC-SHA256\n{timestamp}\n{date}/faceid/tc3_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + (CheckWithKey ?? SecretKey)), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, "faceid"u8);
        key = HMACSHA256.HashData(key, "tc3_request"u8);
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value));
    }

    private static string? Text(JsonNode body, string name) => body[name]?.GetValue<string>();

    private static HttpResponseMessage Error(string code, string message) =>
        Answer(new JsonObject { ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message } });

    /// <summary>Tencent Cloud API 3.0 answers 200 with the envelope, errors included.</summary>
    private static HttpResponseMessage Answer(JsonObject response)
    {
        response["RequestId"] = Guid.NewGuid().ToString();
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(new JsonObject { ["Response"] = response }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex("^TC3-HMAC-SHA256 Credential=(?<id>[^/]+)/(?<date>\\d{4}-\\d{2}-\\d{2})/(?<service>[a-z]+)/tc3_request, SignedHeaders=(?<headers>[a-z;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    internal sealed record Session(string IdCard, string Name, string RedirectUrl, string Extra, DateTimeOffset IssuedAt)
    {
        public PageOutcome? Outcome { get; set; }
    }
}

/// <summary>What Tencent's page decided, in the Text fields of GetDetectInfoEnhanced.</summary>
internal sealed record PageOutcome(int? ErrCode, string? ErrMsg, int? LiveStatus, string? LiveMsg, int? CompareStatus, string? CompareMsg, string? Sim, byte[]? BestFrame)
{
    /// <summary>The number Tencent's page ended up verifying, when it is not the one we sent (an OCR flow, or a tampered page).</summary>
    public string? IdCard { get; init; }

    public static PageOutcome Passed(string sim, byte[] bestFrame) => new(0, "成功", 0, "成功", 0, "成功", sim, bestFrame);

    public static PageOutcome NotLive() => new(1002, "疑似非真人录制", 1002, "疑似非真人录制", null, null, null, null);

    public static PageOutcome LivenessCode(int code, string message) => new(code, message, code, message, null, null, null, null);

    public static PageOutcome CompareFailed(string sim) =>
        new(2016, "无法判断为同一人，请确认身份后重试", 0, "成功", 2016, "无法判断为同一人，请确认身份后重试", sim, null);

    public static PageOutcome CompareCode(int code, string message, string? sim = null) => new(code, message, 0, "成功", code, message, sim, null);

    public static PageOutcome Final(int code, string message) => new(code, message, null, null, null, null, null, null);
}

/// <summary>An HTTP client factory over one handler, as the service's named clients are.</summary>
internal sealed class HandlerClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}

/// <summary>Changes a request after it was signed, as something between us and Tencent would.</summary>
internal sealed class TamperingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public Func<string, string>? Tamper { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Tamper is { } tamper && request.Content is not null)
        {
            var original = await request.Content.ReadAsStringAsync(cancellationToken);
            var contentType = request.Content.Headers.ContentType;
            request.Content = new StringContent(tamper(original), Encoding.UTF8);
            request.Content.Headers.ContentType = contentType;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
