using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>
/// The Alipay open platform gateway (gateway.do) as documented (opendocs.alipay.com): checks each call's
/// RSA2 signature with the application's public key, answers alipay.trade.precreate / query / close with
/// the "…_response" member signed by Alipay's key, and builds asynchronous notifications (form posts,
/// signed over the sorted parameters less sign and sign_type). Keys are generated per simulator.
/// </summary>
public sealed class AlipaySimulator : IAsyncDisposable
{
    public const string AppId = "2021000000000001";

    private readonly RSA _appKey = RSA.Create(2048);
    private readonly RSA _alipayKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Trade> _trades = new();
    private readonly string _alipayPublicKeyFile = Path.Combine(Path.GetTempPath(), $"alipay-public-{Guid.NewGuid():N}.pem");
    private readonly LoopbackServer _server;
    private int _refused;

    public AlipaySimulator()
    {
        File.WriteAllText(_alipayPublicKeyFile, _alipayKey.ExportSubjectPublicKeyInfoPem());
        _server = LoopbackServer.Start(routes => routes.MapPost("/gateway.do", Gateway));
    }

    public ConcurrentQueue<(string Method, string OutTradeNo)> Calls { get; } = new();

    /// <summary>The first precreate of each trade is never answered: held until the client abandons it (a lost answer).</summary>
    public bool StallFirstPrecreate { get; set; }

    /// <summary>Precreates the client gave up on (it cancelled the request) while they were held.</summary>
    public ConcurrentQueue<string> AbandonedPrecreates { get; } = new();

    public int RefusedRequests => _refused;

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Alipay:Enabled"] = "true",
        ["Alipay:GatewayUrl"] = new Uri(_server.BaseUrl, "/gateway.do").ToString(),
        ["Alipay:AppId"] = AppId,
        // As the Alipay key tool hands it out: bare base64 of PKCS#8.
        ["Alipay:AppPrivateKey"] = Convert.ToBase64String(_appKey.ExportPkcs8PrivateKey()),
        ["Alipay:AlipayPublicKeyFile"] = _alipayPublicKeyFile,
        ["Alipay:NotifyUrl"] = "https://idreissue.example.cn/api/payments/notify/Alipay",
        ["Alipay:ReturnUrl"] = "https://idreissue.example.cn/",
        // Well over a loaded CI machine's slowest real answer; a stalled precreate is held until this gives up on it.
        ["Alipay:Resilience:AttemptTimeout:Timeout"] = "00:00:03",
        ["Alipay:Resilience:Retry:Delay"] = "00:00:00.100",
    };

    public string? StatusOf(string outTradeNo) => _trades.TryGetValue(outTradeNo, out var trade) ? trade.Status : null;

    public string TotalOf(string outTradeNo) => _trades[outTradeNo].Total;

    /// <summary>The payer scanned and paid.</summary>
    public void Pay(string outTradeNo)
    {
        var trade = _trades[outTradeNo];
        trade.Status = "TRADE_SUCCESS";
        trade.TradeNo = "2025" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        trade.PaidAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Whether a signed address (the phone cashier) carries a valid application signature, and its method.</summary>
    public (bool Valid, string? Method) CheckSignedAddress(string url)
    {
        var parameters = QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        return (Verify(_appKey, Canonical(parameters, withoutSignType: false), parameters.GetValueOrDefault("sign")), parameters.GetValueOrDefault("method"));
    }

    /// <summary>A trade_status_sync notification (form-encoded body) for a trade; its parameters may be changed after signing to tamper with it.</summary>
    public string Notification(
        string outTradeNo, string? notifyId = null, Action<Dictionary<string, string>>? afterSigning = null, bool withSignature = true, DateTimeOffset? sentAt = null)
    {
        var trade = _trades[outTradeNo];
        var parameters = new Dictionary<string, string>
        {
            ["notify_time"] = Beijing(sentAt ?? DateTimeOffset.UtcNow), ["notify_type"] = "trade_status_sync", ["notify_id"] = notifyId ?? Guid.NewGuid().ToString("N"),
            ["app_id"] = AppId, ["charset"] = "utf-8", ["version"] = "1.0", ["sign_type"] = "RSA2", ["trade_no"] = trade.TradeNo ?? string.Empty,
            ["out_trade_no"] = outTradeNo, ["trade_status"] = trade.Status, ["total_amount"] = trade.Total, ["receipt_amount"] = trade.Total,
            ["gmt_create"] = Beijing(trade.CreatedAt), ["gmt_payment"] = Beijing(trade.PaidAt ?? DateTimeOffset.UtcNow), ["subject"] = trade.Subject,
        };
        if (withSignature)
        {
            parameters["sign"] = Sign(_alipayKey, Canonical(parameters, withoutSignType: true));
        }

        afterSigning?.Invoke(parameters);
        return string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }

    private async Task Gateway(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var parameters = form.Concat(http.Request.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        var method = parameters.GetValueOrDefault("method") ?? string.Empty;
        var member = method.Replace('.', '_') + "_response";
        if (parameters.GetValueOrDefault("app_id") != AppId || parameters.GetValueOrDefault("sign_type") != "RSA2"
            || !Verify(_appKey, Canonical(parameters, withoutSignType: false), parameters.GetValueOrDefault("sign")))
        {
            Interlocked.Increment(ref _refused);
            await Answer(http, member, new JsonObject { ["code"] = "40002", ["msg"] = "Invalid Arguments", ["sub_code"] = "isv.invalid-signature", ["sub_msg"] = "验签出错" });
            return;
        }

        var business = JsonNode.Parse(parameters["biz_content"])!;
        var number = business["out_trade_no"]!.GetValue<string>();
        Calls.Enqueue((method, number));
        switch (method)
        {
            case "alipay.trade.precreate":
                if (StallFirstPrecreate && Calls.Count(c => c.Method == method && c.OutTradeNo == number) == 1)
                {
                    // Held until the client gives up on it (its attempt timeout): no stall of a fixed length to race against.
                    await LoopbackServer.HoldUntilAbandoned(http);
                    AbandonedPrecreates.Enqueue(number);
                    return;
                }

                _trades.GetOrAdd(number, _ => new Trade(business["total_amount"]!.GetValue<string>(), business["subject"]!.GetValue<string>()));
                await Answer(http, member, new JsonObject
                {
                    ["code"] = "10000", ["msg"] = "Success", ["out_trade_no"] = number, ["qr_code"] = $"https://qr.alipay.com/bax{number}",
                });
                break;

            case "alipay.trade.query" when _trades.TryGetValue(number, out var queried) && queried.Status != "WAIT_BUYER_PAY":
                var answer = new JsonObject
                {
                    ["code"] = "10000", ["msg"] = "Success", ["out_trade_no"] = number, ["trade_no"] = queried.TradeNo, ["trade_status"] = queried.Status,
                    ["total_amount"] = queried.Total,
                };
                if (queried.PaidAt is { } paidAt)
                {
                    answer["send_pay_date"] = Beijing(paidAt);
                }

                await Answer(http, member, answer);
                break;

            case "alipay.trade.close" when _trades.TryGetValue(number, out var closing):
                if (closing.Status == "WAIT_BUYER_PAY")
                {
                    closing.Status = "TRADE_CLOSED";
                    await Answer(http, member, new JsonObject { ["code"] = "10000", ["msg"] = "Success", ["out_trade_no"] = number });
                }
                else
                {
                    await Answer(http, member, new JsonObject { ["code"] = "40004", ["msg"] = "Business Failed", ["sub_code"] = "ACQ.TRADE_STATUS_ERROR", ["sub_msg"] = "交易状态不合法" });
                }

                break;

            default:
                // A precreated trade the payer has not scanned does not exist yet for query and close, as at Alipay.
                await Answer(http, member, new JsonObject { ["code"] = "40004", ["msg"] = "Business Failed", ["sub_code"] = "ACQ.TRADE_NOT_EXIST", ["sub_msg"] = "交易不存在" });
                break;
        }
    }

    private async Task Answer(HttpContext http, string member, JsonObject body)
    {
        var raw = body.ToJsonString();
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync($"{{\"{member}\":{raw},\"sign\":\"{Sign(_alipayKey, raw)}\"}}");
    }

    private static string Canonical(Dictionary<string, string> parameters, bool withoutSignType) =>
        string.Join('&', parameters.Where(p => p.Key != "sign" && !(withoutSignType && p.Key == "sign_type") && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Sign(RSA key, string content) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    private static bool Verify(RSA key, string content, string? signature) =>
        signature is not null && key.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static string Beijing(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The provider's outage switch (see <see cref="LoopbackServer.Down"/>).</summary>
    public LoopbackServer Server => _server;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_alipayPublicKeyFile);
        _appKey.Dispose();
        _alipayKey.Dispose();
    }

    private sealed class Trade(string total, string subject)
    {
        public string Total { get; } = total;

        public string Subject { get; } = subject;

        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        public string Status { get; set; } = "WAIT_BUYER_PAY";

        public string? TradeNo { get; set; }

        public DateTimeOffset? PaidAt { get; set; }
    }
}
