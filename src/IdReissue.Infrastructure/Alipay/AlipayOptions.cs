using System.ComponentModel.DataAnnotations;
using IdReissue.Infrastructure.Configuration;

namespace IdReissue.Infrastructure.Alipay;

/// <summary>Configuration section "Alipay": the application registered on the Alipay open platform (docs/operations.md, going live).</summary>
public sealed class AlipayOptions : IValidatableObject
{
    public const string Section = "Alipay";

    /// <summary>Use Alipay for the Alipay channel instead of the sandbox.</summary>
    public bool Enabled { get; set; }

    public Uri GatewayUrl { get; set; } = new("https://openapi.alipay.com/gateway.do");

    public string AppId { get; set; } = string.Empty;

    /// <summary>The application private key (应用私钥, RSA2048) that signs requests, or <see cref="AppPrivateKeyFile"/>.</summary>
    public string? AppPrivateKey { get; set; }

    public string? AppPrivateKeyFile { get; set; }

    /// <summary>Alipay's public key (支付宝公钥, public-key mode) that signs responses and notifications, or <see cref="AlipayPublicKeyFile"/>.</summary>
    public string? AlipayPublicKey { get; set; }

    public string? AlipayPublicKeyFile { get; set; }

    /// <summary>Where Alipay posts notifications: https://{host}/api/payments/notify/Alipay.</summary>
    public string NotifyUrl { get; set; } = string.Empty;

    /// <summary>Where the phone cashier (alipay.trade.wap.pay) returns the payer; also its "quit" address.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>Notifications whose notify_time is further than this from now are refused as replays (as WeChat Pay's signatures are).</summary>
    public TimeSpan MaxNotificationAge { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        !Enabled ? [] : new GatewaySettingsCheck(Section)
            .Text(AppId, nameof(AppId))
            .Secret(AppPrivateKey, AppPrivateKeyFile, nameof(AppPrivateKey))
            .Secret(AlipayPublicKey, AlipayPublicKeyFile, nameof(AlipayPublicKey))
            .HttpsUrl(NotifyUrl, nameof(NotifyUrl))
            .HttpsUrl(ReturnUrl, nameof(ReturnUrl), optional: true)
            .Problems;
}
