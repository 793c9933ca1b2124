using System.ComponentModel.DataAnnotations;
using IdReissue.Infrastructure.Configuration;

namespace IdReissue.Infrastructure.WeChatPay;

/// <summary>Configuration section "WeChatPay": the merchant's WeChat Pay API v3 account (docs/operations.md, going live).</summary>
public sealed class WeChatPayOptions : IValidatableObject
{
    public const string Section = "WeChatPay";

    /// <summary>Use WeChat Pay for the WeChatPay channel instead of the sandbox.</summary>
    public bool Enabled { get; set; }

    public Uri BaseUrl { get; set; } = new("https://api.mch.weixin.qq.com");

    /// <summary>The app (公众号/移动应用) the orders are made for.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>商户号.</summary>
    public string MchId { get; set; } = string.Empty;

    /// <summary>Serial number of the merchant API certificate whose private key signs our requests.</summary>
    public string MerchantSerialNumber { get; set; } = string.Empty;

    /// <summary>The merchant API private key (apiclient_key.pem), or <see cref="MerchantPrivateKeyFile"/>.</summary>
    public string? MerchantPrivateKey { get; set; }

    public string? MerchantPrivateKeyFile { get; set; }

    /// <summary>The 32-character APIv3 key that decrypts notifications, or <see cref="ApiV3KeyFile"/>.</summary>
    public string? ApiV3Key { get; set; }

    public string? ApiV3KeyFile { get; set; }

    /// <summary>The WeChat Pay public key (微信支付公钥, PEM) and its id (PUB_KEY_ID_…), which WeChat Pay signs with.</summary>
    public string? PlatformPublicKey { get; set; }

    public string? PlatformPublicKeyFile { get; set; }

    public string? PlatformPublicKeyId { get; set; }

    /// <summary>Or the platform certificate (平台证书, PEM) of merchants still on certificates; its serial is read from it.</summary>
    public string? PlatformCertificateFile { get; set; }

    /// <summary>Where WeChat Pay posts notifications: https://{host}/api/payments/notify/WeChatPay.</summary>
    public string NotifyUrl { get; set; } = string.Empty;

    /// <summary>Native (a QR code to scan, the default) or H5: payers on a phone get WeChat Pay's H5 payment, which opens
    /// WeChat from the phone's browser (the merchant needs H5 enabled), and payers at a desktop still the Native QR code.</summary>
    public WeChatPayTradeType TradeType { get; set; } = WeChatPayTradeType.Native;

    /// <summary>Inside WeChat's browser, pay in WeChat's own payment sheet (JSAPI) with the payer's openid, learnt by a silent
    /// 网页授权 (snsapi_base) of the 公众号 <see cref="AppId"/>; needs <see cref="AppSecret"/>. Outside WeChat <see cref="TradeType"/> stays.</summary>
    public bool Jsapi { get; set; }

    /// <summary>The 公众号's AppSecret, which exchanges a 网页授权 code for the openid, or <see cref="AppSecretFile"/>.</summary>
    public string? AppSecret { get; set; }

    public string? AppSecretFile { get; set; }

    /// <summary>WeChat's 网页授权 page the payer's browser is sent to.</summary>
    public Uri OAuthAuthorizeUrl { get; set; } = new("https://open.weixin.qq.com/connect/oauth2/authorize");

    /// <summary>Where a 网页授权 code is exchanged (/sns/oauth2/access_token).</summary>
    public Uri OAuthBaseUrl { get; set; } = new("https://api.weixin.qq.com");

    /// <summary>Notifications and responses signed longer ago than this are refused as replays.</summary>
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            return [];
        }

        var platformKey = !string.IsNullOrWhiteSpace(PlatformPublicKey) || !string.IsNullOrWhiteSpace(PlatformPublicKeyFile);
        var check = new GatewaySettingsCheck(Section)
            .Text(AppId, nameof(AppId)).Text(MchId, nameof(MchId)).Text(MerchantSerialNumber, nameof(MerchantSerialNumber))
            .Secret(MerchantPrivateKey, MerchantPrivateKeyFile, nameof(MerchantPrivateKey))
            .Secret(ApiV3Key, ApiV3KeyFile, nameof(ApiV3Key))
            .Rule(platformKey || !string.IsNullOrWhiteSpace(PlatformCertificateFile),
                "Set WeChatPay:PlatformPublicKey(File) with WeChatPay:PlatformPublicKeyId, or WeChatPay:PlatformCertificateFile.", nameof(PlatformPublicKey))
            .Rule(!platformKey || !string.IsNullOrWhiteSpace(PlatformPublicKeyId),
                "Set WeChatPay:PlatformPublicKeyId (PUB_KEY_ID_…) beside the WeChat Pay public key.", nameof(PlatformPublicKeyId))
            .HttpsUrl(NotifyUrl, nameof(NotifyUrl))
            .Rule(MaxSignatureAge > TimeSpan.Zero && MaxSignatureAge <= TimeSpan.FromHours(1),
                "WeChatPay:MaxSignatureAge must be more than zero and at most an hour.", nameof(MaxSignatureAge));
        if (Jsapi)
        {
            check.Secret(AppSecret, AppSecretFile, nameof(AppSecret));
        }

        return check.Problems;
    }
}

public enum WeChatPayTradeType
{
    Native,
    H5,
}
