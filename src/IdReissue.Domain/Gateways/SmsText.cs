using System.Globalization;

namespace IdReissue.Domain.Gateways;

/// <summary>
/// A text message as the SMS providers take it: an approved template and its parameters (they send
/// nothing else), and the same message written out for the sandbox's inbox. The template wording is
/// here once, so the text written out is exactly what the provider sends (docs/operations.md lists it
/// for registration).
/// </summary>
public sealed record SmsText(SmsTemplate Template, IReadOnlyList<string> Parameters)
{
    /// <summary>The signature the providers put in front of every message (registered as the SMS sign).</summary>
    public const string Signature = "居民身份证网上补换领";

    public static SmsText LoginCode(string code, int validMinutes) =>
        new(SmsTemplate.LoginCode, [code, validMinutes.ToString(CultureInfo.InvariantCulture)]);

    public static SmsText ApplicationProgress(string applicationNumber, string state, string detail) =>
        new(SmsTemplate.ApplicationProgress, [applicationNumber, state, detail]);

    /// <summary>The message as the phone shows it.</summary>
    public string Text
    {
        get
        {
            var text = Template.Wording();
            for (var i = 0; i < Parameters.Count; i++)
            {
                text = text.Replace("{" + (i + 1).ToString(CultureInfo.InvariantCulture) + "}", Parameters[i], StringComparison.Ordinal);
            }

            return $"【{Signature}】{text}";
        }
    }
}

public enum SmsTemplate
{
    LoginCode,
    ApplicationProgress,
}

public static class SmsTemplateWording
{
    /// <summary>The template as registered with the provider, parameters numbered {1}, {2}, … as Tencent Cloud writes them.</summary>
    public static string Wording(this SmsTemplate template) => template switch
    {
        SmsTemplate.LoginCode => "您的登录验证码为{1}，{2}分钟内有效。如非本人操作，请忽略。",
        SmsTemplate.ApplicationProgress => "您的申请（受理编号{1}）：{2}。{3}",
        _ => throw new ArgumentOutOfRangeException(nameof(template)),
    };
}
