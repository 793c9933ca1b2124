using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>
/// WeChat Pay API v3 as documented (pay.weixin.qq.com/doc/v3/merchant): checks each request's
/// WECHATPAY2-SHA256-RSA2048 signature with the merchant's public key, keeps orders by out_trade_no,
/// signs every answer with the platform key (Wechatpay-Serial: the public key id), and builds
/// notifications whose resource is sealed with AEAD_AES_256_GCM under the APIv3 key. Keys are generated
/// per simulator. It also plays WeChat's 网页授权 (open.weixin.qq.com's authorize page and api.weixin.qq.com's
/// /sns/oauth2/access_token) for one payer, and takes JSAPI orders only for an openid it handed out for a code.
/// </summary>
public sealed partial class WeChatPaySimulator : IAsyncDisposable
{
    public const string MchId = "1900000001";
    public const string AppId = "wxd678efh567hg6787";
    public const string MerchantSerial = "3775B6A45ACD588826D15E583A95F5DD00000001";
    public const string PlatformKeyId = "PUB_KEY_ID_0119000000012025112500000000000001";

    private readonly RSA _merchantKey = RSA.Create(2048);
    private readonly RSA _platformKey = RSA.Create(2048);
    private readonly RSA _forgerKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Order> _orders = new();
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private readonly ConcurrentDictionary<string, bool> _usedCodes = new();
    private readonly ConcurrentDictionary<string, bool> _exchangedOpenIds = new();
    private readonly string _merchantKeyFile = Path.Combine(Path.GetTempPath(), $"wechatpay-merchant-{Guid.NewGuid():N}.pem");
    private readonly LoopbackServer _server;

    public WeChatPaySimulator()
    {
        // The merchant's private key reaches the service as a mounted file, as in production.
        File.WriteAllText(_merchantKeyFile, _merchantKey.ExportPkcs8PrivateKeyPem());
        _server = LoopbackServer.Start(routes =>
        {
            routes.MapPost("/v3/pay/transactions/{type}", Create);
            routes.MapGet("/v3/pay/transactions/out-trade-no/{number}", Query);
            routes.MapPost("/v3/pay/transactions/out-trade-no/{number}/close", Close);
            routes.MapGet("/connect/oauth2/authorize", Authorize);
            routes.MapGet("/sns/oauth2/access_token", ExchangeCode);
        });
    }

    public string ApiV3Key { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The 公众号's AppSecret, which the code exchange must carry.</summary>
    public string AppSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The WeChat user who opens the portal inside WeChat: their openid under <see cref="AppId"/>.</summary>
    public string PayerOpenId { get; } = "oUpF8u" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).Replace('+', '-').Replace('/', '_')[..22];

    /// <summary>Codes exchanged for an openid (successfully or not).</summary>
    public int CodeExchanges => _codeExchanges;

    /// <summary>The openid each JSAPI order was made for.</summary>
    public ConcurrentDictionary<string, string> JsapiPayers { get; } = new();

    private int _codeExchanges;

    /// <summary>Every create request that arrived: out_trade_no and the nonce it was signed with.</summary>
    public ConcurrentQueue<(string OutTradeNo, string Nonce)> Creates { get; } = new();

    /// <summary>Requests refused for a bad or missing signature.</summary>
    public int RefusedRequests => _refused;

    /// <summary>Creates the client gave up on (it cancelled the request) while they were held.</summary>
    public ConcurrentQueue<string> AbandonedCreates { get; } = new();

    /// <summary>The first create of each order is never answered: held until the client abandons it (a lost answer).</summary>
    public bool StallFirstCreate { get; set; }

    /// <summary>Answers signed with a key that is not the platform's (a forged answer).</summary>
    public bool SignAnswersWithWrongKey { get; set; }

    private int _refused;

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["WeChatPay:Enabled"] = "true",
        ["WeChatPay:BaseUrl"] = _server.BaseUrl.ToString(),
        ["WeChatPay:AppId"] = AppId,
        ["WeChatPay:MchId"] = MchId,
        ["WeChatPay:MerchantSerialNumber"] = MerchantSerial,
        ["WeChatPay:MerchantPrivateKeyFile"] = _merchantKeyFile,
        ["WeChatPay:ApiV3Key"] = ApiV3Key,
        ["WeChatPay:PlatformPublicKey"] = _platformKey.ExportSubjectPublicKeyInfoPem(),
        ["WeChatPay:PlatformPublicKeyId"] = PlatformKeyId,
        ["WeChatPay:NotifyUrl"] = "https://idreissue.example.cn/api/payments/notify/WeChatPay",
        ["WeChatPay:Jsapi"] = "true",
        ["WeChatPay:AppSecret"] = AppSecret,
        ["WeChatPay:OAuthAuthorizeUrl"] = new Uri(_server.BaseUrl, "/connect/oauth2/authorize").ToString(),
        ["WeChatPay:OAuthBaseUrl"] = _server.BaseUrl.ToString(),
        // Well over a loaded CI machine's slowest real answer; a stalled create is held until this gives up on it.
        ["WeChatPay:Resilience:AttemptTimeout:Timeout"] = "00:00:03",
        ["WeChatPay:Resilience:Retry:Delay"] = "00:00:00.100",
    };

    /// <summary>Every order the payer has paid at WeChat Pay.</summary>
    public IEnumerable<string> PaidOrders => _orders.Where(o => o.Value.State == "SUCCESS").Select(o => o.Key);

    public string? StateOf(string outTradeNo) => _orders.TryGetValue(outTradeNo, out var order) ? order.State : null;

    public long TotalOf(string outTradeNo) => _orders[outTradeNo].Total;

    /// <summary>The payer paid (WeChat Pay's side of it); no notification is sent by this.</summary>
    public void Pay(string outTradeNo)
    {
        var order = _orders[outTradeNo];
        order.State = "SUCCESS";
        order.TransactionId = "42000" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        order.PaidAt = DateTimeOffset.UtcNow;
    }

    /// <summary>A TRANSACTION.SUCCESS notification for a paid order, as WeChat Pay posts it: body and headers.</summary>
    public (string Body, Dictionary<string, string> Headers) Notification(
        string outTradeNo, string? id = null, DateTimeOffset? signedAt = null, long? total = null, Action<JsonObject>? transactionEdit = null)
    {
        var order = _orders[outTradeNo];
        var transaction = new JsonObject
        {
            ["mchid"] = MchId, ["appid"] = AppId, ["out_trade_no"] = outTradeNo, ["transaction_id"] = order.TransactionId,
            ["trade_type"] = JsapiPayers.ContainsKey(outTradeNo) ? "JSAPI" : "NATIVE", ["trade_state"] = order.State, ["trade_state_desc"] = "支付成功", ["bank_type"] = "OTHERS",
            ["success_time"] = China(order.PaidAt ?? DateTimeOffset.UtcNow), ["payer"] = new JsonObject { ["openid"] = JsapiPayers.GetValueOrDefault(outTradeNo, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o") },
            ["amount"] = new JsonObject { ["total"] = total ?? order.Total, ["payer_total"] = total ?? order.Total, ["currency"] = "CNY", ["payer_currency"] = "CNY" },
        };
        transactionEdit?.Invoke(transaction);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var plaintext = Encoding.UTF8.GetBytes(transaction.ToJsonString());
        var sealedBytes = new byte[plaintext.Length + 16];
        using (var aes = new AesGcm(Encoding.UTF8.GetBytes(ApiV3Key), 16))
        {
            aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), "transaction"u8);
        }

        var body = new JsonObject
        {
            ["id"] = id ?? Guid.NewGuid().ToString(), ["create_time"] = China(DateTimeOffset.UtcNow), ["resource_type"] = "encrypt-resource",
            ["event_type"] = "TRANSACTION.SUCCESS", ["summary"] = "支付成功",
            ["resource"] = new JsonObject
            {
                ["original_type"] = "transaction", ["algorithm"] = "AEAD_AES_256_GCM", ["ciphertext"] = Convert.ToBase64String(sealedBytes),
                ["associated_data"] = "transaction", ["nonce"] = nonce,
            },
        }.ToJsonString();
        return (body, SignatureHeaders(body, signedAt ?? DateTimeOffset.UtcNow, _platformKey));
    }

    /// <summary>Headers of a message signed with the platform key now.</summary>
    public Dictionary<string, string> SignedHeaders(string body) => SignatureHeaders(body, DateTimeOffset.UtcNow, _platformKey);

    /// <summary>Headers of a message signed by someone without the platform key.</summary>
    public Dictionary<string, string> ForgedHeaders(string body) => SignatureHeaders(body, DateTimeOffset.UtcNow, _forgerKey);

    private async Task Create(HttpContext http, string type)
    {
        var (body, nonce) = await VerifiedAsync(http);
        if (body is null)
        {
            return;
        }

        var request = JsonNode.Parse(body)!;
        var number = request["out_trade_no"]!.GetValue<string>();
        Creates.Enqueue((number, nonce!));
        if (StallFirstCreate && Creates.Count(c => c.OutTradeNo == number) == 1)
        {
            // The order is made, but the answer never reaches the merchant in time.
            // Held until the client gives up on it (its attempt timeout), however long that takes on a loaded machine:
            // no stall of a fixed length to race against.
            _orders.TryAdd(number, new Order(request["amount"]!["total"]!.GetValue<long>()));
            await LoopbackServer.HoldUntilAbandoned(http);
            AbandonedCreates.Enqueue(number);
            return;
        }

        if (request["mchid"]!.GetValue<string>() != MchId || request["appid"]!.GetValue<string>() != AppId || request["notify_url"] is null)
        {
            await Answer(http, 400, """{"code":"PARAM_ERROR","message":"参数错误"}""");
            return;
        }

        if (type == "jsapi")
        {
            // payer.openid is required, and must be a user's openid under this appid: here, one handed out for a code.
            if (request["payer"]?["openid"]?.GetValue<string>() is not { Length: > 0 } openId)
            {
                await Answer(http, 400, """{"code":"PARAM_ERROR","message":"输入源“/body/payer/openid”映射到字段“用户标识”必填性规则校验失败，此字段为必填项"}""");
                return;
            }

            if (!_exchangedOpenIds.ContainsKey(openId))
            {
                await Answer(http, 400, """{"code":"PARAM_ERROR","message":"appid和openid不匹配"}""");
                return;
            }

            JsapiPayers[number] = openId;
        }

        var order = _orders.GetOrAdd(number, _ => new Order(request["amount"]!["total"]!.GetValue<long>()));
        if (order.Total != request["amount"]!["total"]!.GetValue<long>())
        {
            await Answer(http, 400, """{"code":"OUT_TRADE_NO_USED","message":"商户订单号重复"}""");
            return;
        }

        if (type == "jsapi")
        {
            await Answer(http, 200, new JsonObject { ["prepay_id"] = PrepayIdOf(number) }.ToJsonString());
            return;
        }

        await Answer(http, 200, type == "h5"
            ? new JsonObject { ["h5_url"] = $"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx{number}" }.ToJsonString()
            : new JsonObject { ["code_url"] = $"weixin://wxpay/bizpayurl?pr={number}" }.ToJsonString());
    }

    /// <summary>The prepay_id a JSAPI order gets (stable per order, as WeChat Pay answers a repeated create).</summary>
    public static string PrepayIdOf(string outTradeNo) => "wx26" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(outTradeNo)))[..28];

    /// <summary>Whether paySign is the merchant key's SHA256withRSA signature over exactly "appId\ntimeStamp\nnonceStr\npackage\n",
    /// which is what WeChat checks before it opens the payment sheet.</summary>
    public bool PaySignVerifies(string appId, string timeStamp, string nonceStr, string package, string paySign)
    {
        using var merchantPublic = RSA.Create();
        merchantPublic.ImportSubjectPublicKeyInfo(_merchantKey.ExportSubjectPublicKeyInfo(), out _);
        return merchantPublic.VerifyData(Encoding.UTF8.GetBytes($"{appId}\n{timeStamp}\n{nonceStr}\n{package}\n"),
            Convert.FromBase64String(paySign), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>open.weixin.qq.com's 网页授权 for snsapi_base: no consent screen, straight back to redirect_uri with a code and the state.</summary>
    private IResult Authorize(HttpContext http)
    {
        var query = http.Request.Query;
        if (query["appid"] != AppId || query["response_type"] != "code" || query["scope"] != "snsapi_base"
            || !Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var redirect))
        {
            // WeChat shows its own error page ("参数错误" / "redirect_uri 参数错误"); nothing goes back to the site.
            return Results.Content("参数错误", "text/plain; charset=utf-8", statusCode: 400);
        }

        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _codes[code] = PayerOpenId;
        var separator = string.IsNullOrEmpty(redirect.Query) ? "?" : "&";
        return Results.Redirect($"{redirect}{separator}code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    /// <summary>api.weixin.qq.com's code exchange: one use per code; errors as HTTP 200 with errcode/errmsg, as WeChat answers.</summary>
    private IResult ExchangeCode(HttpContext http)
    {
        Interlocked.Increment(ref _codeExchanges);
        var query = http.Request.Query;
        var code = query["code"].ToString();
        if (query["appid"] != AppId || query["grant_type"] != "authorization_code")
        {
            return Results.Text("""{"errcode":40013,"errmsg":"invalid appid"}""", "application/json");
        }

        if (query["secret"] != AppSecret)
        {
            return Results.Text("""{"errcode":40125,"errmsg":"invalid appsecret"}""", "application/json");
        }

        if (!_codes.TryRemove(code, out var openId))
        {
            return Results.Text(_usedCodes.ContainsKey(code) ? """{"errcode":40163,"errmsg":"code been used"}""" : """{"errcode":40029,"errmsg":"invalid code"}""",
                "application/json");
        }

        _usedCodes[code] = true;
        _exchangedOpenIds[openId] = true;
        return Results.Text(new JsonObject
        {
            ["access_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), ["expires_in"] = 7200,
            ["refresh_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), ["openid"] = openId, ["scope"] = "snsapi_base",
        }.ToJsonString(), "application/json");
    }

    private async Task Query(HttpContext http, string number)
    {
        if ((await VerifiedAsync(http)).Body is null)
        {
            return;
        }

        if (http.Request.Query["mchid"] != MchId || !_orders.TryGetValue(number, out var order))
        {
            await Answer(http, 404, """{"code":"ORDER_NOT_EXIST","message":"订单不存在"}""");
            return;
        }

        var answer = new JsonObject
        {
            ["appid"] = AppId, ["mchid"] = MchId, ["out_trade_no"] = number, ["trade_state"] = order.State, ["trade_state_desc"] = order.State,
            ["amount"] = new JsonObject { ["total"] = order.Total, ["currency"] = "CNY" },
        };
        if (order.TransactionId is not null)
        {
            answer["transaction_id"] = order.TransactionId;
            answer["success_time"] = China(order.PaidAt!.Value);
        }

        await Answer(http, 200, answer.ToJsonString());
    }

    private async Task Close(HttpContext http, string number)
    {
        if ((await VerifiedAsync(http)).Body is null)
        {
            return;
        }

        if (_orders.TryGetValue(number, out var order) && order.State == "NOTPAY")
        {
            order.State = "CLOSED";
        }

        await Answer(http, 204, string.Empty);
    }

    /// <summary>The request body when its Authorization verifies against the merchant's public key; otherwise answers 401 SIGN_ERROR.</summary>
    private async Task<(string? Body, string? Nonce)> VerifiedAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var header = http.Request.Headers.Authorization.ToString();
        var fields = AuthorizationField().Matches(header).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        if (header.StartsWith("WECHATPAY2-SHA256-RSA2048 ", StringComparison.Ordinal)
            && fields.TryGetValue("mchid", out var mchid) && mchid == MchId && fields.TryGetValue("serial_no", out var serial) && serial == MerchantSerial
            && fields.TryGetValue("timestamp", out var timestamp) && fields.TryGetValue("nonce_str", out var nonce) && fields.TryGetValue("signature", out var signature)
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp, CultureInfo.InvariantCulture)) < 300
            && _merchantKey.VerifyData(Encoding.UTF8.GetBytes($"{http.Request.Method}\n{http.Request.Path}{http.Request.QueryString}\n{timestamp}\n{nonce}\n{body}\n"),
                Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return (body, nonce);
        }

        Interlocked.Increment(ref _refused);
        await Answer(http, 401, """{"code":"SIGN_ERROR","message":"签名错误"}""");
        return (null, null);
    }

    private async Task Answer(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        foreach (var (name, value) in SignatureHeaders(body, DateTimeOffset.UtcNow, SignAnswersWithWrongKey ? _forgerKey : _platformKey))
        {
            http.Response.Headers[name] = value;
        }

        if (body.Length > 0)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body);
        }
    }

    private static Dictionary<string, string> SignatureHeaders(string body, DateTimeOffset at, RSA key)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var signature = key.SignData(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = timestamp,
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Signature"] = Convert.ToBase64String(signature),
            ["Wechatpay-Serial"] = PlatformKeyId,
        };
    }

    private static string China(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex AuthorizationField();

    /// <summary>The provider's outage switch (see <see cref="LoopbackServer.Down"/>).</summary>
    public LoopbackServer Server => _server;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_merchantKeyFile);
        _merchantKey.Dispose();
        _platformKey.Dispose();
        _forgerKey.Dispose();
    }

    private sealed class Order(long total)
    {
        public long Total { get; } = total;

        public string State { get; set; } = "NOTPAY";

        public string? TransactionId { get; set; }

        public DateTimeOffset? PaidAt { get; set; }
    }
}
