using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>
/// Tencent Cloud SMS (API 3.0, SendSms 2021-01-11) as documented (cloud.tencent.com/document/api/382):
/// recomputes each request's TC3-HMAC-SHA256 signature from its own reading of the protocol and answers
/// AuthFailure.SignatureFailure when it differs; otherwise records the message and answers with the
/// SendStatusSet code set for the number ("Ok" unless told otherwise).
/// </summary>
public sealed partial class TencentSmsSimulator : IAsyncDisposable
{
    public const string SecretId = "AKIDtestsimulator0000000000000000000";
    public const string SdkAppId = "1400000001";
    public const string LoginTemplateId = "1100001";
    public const string ProgressTemplateId = "1100002";

    public const string HolderAlertTemplateId = "1100003";

    private readonly LoopbackServer _server;

    public TencentSmsSimulator() => _server = LoopbackServer.Start(routes => routes.MapPost("/", SendSms));

    public string SecretKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>The key the simulator checks signatures with; a different one stands for a wrong SecretKey at our side.</summary>
    public string? CheckWithKey { get; set; }

    public ConcurrentQueue<(string Phone, string TemplateId, string[] Parameters, string SignName)> Sent { get; } = new();

    /// <summary>The SendStatusSet code to answer for a number (E.164), e.g. LimitExceeded.PhoneNumberThirtySecondLimit.</summary>
    public ConcurrentDictionary<string, string> CodeFor { get; } = new();

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["TencentSms:Enabled"] = "true",
        ["TencentSms:Endpoint"] = _server.BaseUrl.ToString(),
        ["TencentSms:SecretId"] = SecretId,
        ["TencentSms:SecretKey"] = SecretKey,
        ["TencentSms:SdkAppId"] = SdkAppId,
        ["TencentSms:Templates:LoginCode"] = LoginTemplateId,
        ["TencentSms:Templates:ApplicationProgress"] = ProgressTemplateId,
        ["TencentSms:Templates:HolderAlert"] = HolderAlertTemplateId,
    };

    private async Task SendSms(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var payload = await reader.ReadToEndAsync();
        var headers = http.Request.Headers;
        if (headers["X-TC-Action"] != "SendSms" || headers["X-TC-Version"] != "2021-01-11" || !Signed(http, payload))
        {
            await Answer(http, new JsonObject { ["Error"] = new JsonObject { ["Code"] = "AuthFailure.SignatureFailure", ["Message"] = "The provided credentials could not be validated." } });
            return;
        }

        var request = JsonNode.Parse(payload)!;
        var phone = request["PhoneNumberSet"]![0]!.GetValue<string>();
        var code = CodeFor.GetValueOrDefault(phone, "Ok");
        if (code == "Ok")
        {
            Sent.Enqueue((phone, request["TemplateId"]!.GetValue<string>(), request["TemplateParamSet"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray(),
                request["SignName"]!.GetValue<string>()));
        }

        await Answer(http, new JsonObject
        {
            ["SendStatusSet"] = new JsonArray(new JsonObject
            {
                ["SerialNo"] = code == "Ok" ? $"5000:{Guid.NewGuid():N}" : string.Empty, ["PhoneNumber"] = phone, ["Fee"] = code == "Ok" ? 1 : 0,
                ["SessionContext"] = request["SessionContext"]?.GetValue<string>() ?? string.Empty, ["Code"] = code, ["Message"] = code, ["IsoCode"] = "CN",
            }),
        });
    }

    /// <summary>TC3-HMAC-SHA256 recomputed from the request as received.</summary>
    private bool Signed(HttpContext http, string payload)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success || match.Groups["id"].Value != SecretId || match.Groups["service"].Value != "sms"
            || !long.TryParse(http.Request.Headers["X-TC-Timestamp"], CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300)
        {
            return false;
        }

        var date = match.Groups["date"].Value;
        var headers = match.Groups["headers"].Value.Split(';');
        var canonicalHeaders = string.Concat(headers.Select(h => $"{h}:{http.Request.Headers[h].ToString().ToLowerInvariant()}\n"));
        var canonicalRequest = $"POST\n/\n\n{canonicalHeaders}\n{match.Groups["headers"].Value}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))}";
        var stringToSign = $"TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + (CheckWithKey ?? SecretKey)), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, "sms"u8);
        key = HMACSHA256.HashData(key, "tc3_request"u8);
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return headers.Contains("host") && headers.Contains("content-type")
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value));
    }

    private static Task Answer(HttpContext http, JsonObject response)
    {
        response["RequestId"] = Guid.NewGuid().ToString();
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(new JsonObject { ["Response"] = response }.ToJsonString());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex("^TC3-HMAC-SHA256 Credential=(?<id>[^/]+)/(?<date>\\d{4}-\\d{2}-\\d{2})/(?<service>[a-z]+)/tc3_request, SignedHeaders=(?<headers>[a-z;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    /// <summary>The provider's outage switch (see <see cref="LoopbackServer.Down"/>).</summary>
    public LoopbackServer Server => _server;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
