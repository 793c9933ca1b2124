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

    /// <summary>To the phone the household registry holds, when it is not the applicant's: the holder hears that their
    /// card is being re-issued online, and how to stop it. <paramref name="step"/> is what just happened.</summary>
    public static SmsText HolderAlert(string step, string link) => new(SmsTemplate.HolderAlert, [step, link]);

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
    HolderAlert,
}

public static class SmsTemplateWording
{
    /// <summary>The template as registered with the provider, parameters numbered {1}, {2}, … as Tencent Cloud writes them.</summary>
    public static string Wording(this SmsTemplate template) => template switch
    {
        SmsTemplate.LoginCode => "您的登录验证码为{1}，{2}分钟内有效。如非本人操作，请忽略。",
        SmsTemplate.ApplicationProgress => "您的申请（受理编号{1}）：{2}。{3}",
        SmsTemplate.HolderAlert => "您的居民身份证正在网上补领（{1}）。如非本人办理，请打开 {2} 点击“不是我本人”，申请将停止办理。",
        _ => throw new ArgumentOutOfRangeException(nameof(template)),
    };
}
