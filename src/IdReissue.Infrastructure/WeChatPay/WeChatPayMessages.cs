using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdReissue.Infrastructure.WeChatPay;

// The API v3 wire format (snake_case JSON), as documented at pay.weixin.qq.com/doc/v3/merchant.

public sealed record WeChatPayOrder(
    string Appid, string Mchid, string Description, string OutTradeNo, string TimeExpire, string NotifyUrl, WeChatPayAmount Amount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WeChatPaySceneInfo? SceneInfo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WeChatPayPayer? Payer = null);

/// <summary>The payer of a JSAPI order: their openid under the order's appid.</summary>
public sealed record WeChatPayPayer(string Openid);

public sealed record WeChatPayAmount(long Total, string Currency = "CNY");

public sealed record WeChatPaySceneInfo(string PayerClientIp, WeChatPayH5Info H5Info);

public sealed record WeChatPayH5Info(string Type);

public sealed record WeChatPayPrepay(string? CodeUrl, string? H5Url, string? PrepayId = null);

/// <summary>/sns/oauth2/access_token's answer: the openid (the access token is not used), or errcode/errmsg.</summary>
public sealed record WeChatOAuthAnswer(string? Openid, int? Errcode, string? Errmsg);

public sealed record WeChatPayClose(string Mchid);

/// <summary>An order as query and (decrypted) notification give it.</summary>
public sealed record WeChatPayTransaction(
    string? Mchid, string? Appid, string OutTradeNo, string? TransactionId, string TradeState, DateTimeOffset? SuccessTime, WeChatPayAmount? Amount);

/// <summary>A notification's envelope; its transaction is encrypted in <see cref="Resource"/>.</summary>
public sealed record WeChatPayNotice(string Id, DateTimeOffset CreateTime, string EventType, string ResourceType, WeChatPayResource Resource);

public sealed record WeChatPayResource(string Algorithm, string Ciphertext, string Nonce, string? AssociatedData, string OriginalType);

public sealed record WeChatPayError(string? Code, string? Message);

public static class WeChatPayJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
