using System.ComponentModel.DataAnnotations;
using IdReissue.Infrastructure.Configuration;
using IdReissue.Domain.Gateways;

namespace IdReissue.Infrastructure.TencentSms;

/// <summary>Configuration section "TencentSms": the Tencent Cloud SMS application (docs/operations.md, going live).</summary>
public sealed class TencentSmsOptions : IValidatableObject
{
    public const string Section = "TencentSms";

    /// <summary>Send SMS through Tencent Cloud instead of the sandbox's inbox.</summary>
    public bool Enabled { get; set; }

    public Uri Endpoint { get; set; } = new("https://sms.tencentcloudapi.com");

    public string Region { get; set; } = "ap-guangzhou";

    /// <summary>The API key's SecretId (a sub-account with SMS rights only).</summary>
    public string SecretId { get; set; } = string.Empty;

    /// <summary>The API key's SecretKey, or <see cref="SecretKeyFile"/>.</summary>
    public string? SecretKey { get; set; }

    public string? SecretKeyFile { get; set; }

    /// <summary>The SMS application's SdkAppId (1400…).</summary>
    public string SdkAppId { get; set; } = string.Empty;

    /// <summary>The approved SMS sign, without the brackets.</summary>
    public string SignName { get; set; } = SmsText.Signature;

    /// <summary>The approved template id of each template (keys: LoginCode, ApplicationProgress).</summary>
    public Dictionary<SmsTemplate, string> Templates { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        !Enabled ? [] : new GatewaySettingsCheck(Section)
            .Text(SecretId, nameof(SecretId))
            .Secret(SecretKey, SecretKeyFile, nameof(SecretKey))
            .Text(SdkAppId, nameof(SdkAppId))
            .Text(SignName, nameof(SignName))
            .Rule(Enum.GetValues<SmsTemplate>().All(t => Templates.TryGetValue(t, out var id) && !string.IsNullOrWhiteSpace(id)),
                $"Set TencentSms:Templates:{{name}} for every template ({string.Join(", ", Enum.GetNames<SmsTemplate>())}).", nameof(Templates))
            .Problems;
}
