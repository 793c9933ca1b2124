using System.Globalization;
using System.Text;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IdReissue.Infrastructure.TencentSms;

/// <summary>
/// SMS through Tencent Cloud SMS (API 3.0, SendSms, version 2021-01-11), by approved template. A message
/// id that was sent before is not sent again: sent ids are kept beside the gateways' notification ids
/// (<see cref="ReceivedNotification"/>, source "sms:TencentCloud"), so no table of its own is needed.
/// </summary>
public sealed partial class TencentSmsSender(
    IHttpClientFactory httpClientFactory, IDbContextFactory<IdReissueDbContext> dbFactory, IOptions<TencentSmsOptions> options, TimeProvider time,
    ILogger<TencentSmsSender> logger) : ISmsSender
{
    public const string HttpClientName = "tencent-sms";
    public const string SentSource = "sms:TencentCloud";

    private const string Action = "SendSms";
    private const string ContentType = "application/json; charset=utf-8";

    private readonly string _secretKey = GatewaySecret.Require(options.Value.SecretKey, options.Value.SecretKeyFile, "TencentSms:SecretKey");

    public async Task SendAsync(string messageId, string phone, SmsText message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ReceivedNotifications.AnyAsync(n => n.Source == SentSource && n.NotificationId == messageId, cancellationToken))
        {
            return;
        }

        var settings = options.Value;
        if (!settings.Templates.TryGetValue(message.Template, out var templateId))
        {
            throw Refused(TencentSmsOutcome.Misconfigured, $"no TencentSms:Templates:{message.Template}");
        }

        var payload = JsonSerializer.Serialize(new SendSmsRequest(
            [phone.StartsWith('+') ? phone : "+86" + phone], settings.SdkAppId, settings.SignName, templateId, message.Parameters, messageId));
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization",
            TencentCloudSignature.Authorization(settings.SecretId, _secretKey, "sms", settings.Endpoint.Authority, ContentType, Action, payload, now));
        request.Headers.Add("X-TC-Action", Action);
        request.Headers.Add("X-TC-Version", "2021-01-11");
        request.Headers.Add("X-TC-Region", settings.Region);
        request.Headers.Add("X-TC-Timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        string code;
        string? serialNo = null;
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var answer = json.RootElement.GetProperty("Response");
            if (answer.TryGetProperty("Error", out var error))
            {
                code = error.GetProperty("Code").GetString() ?? string.Empty;
            }
            else
            {
                var status = answer.GetProperty("SendStatusSet")[0];
                code = status.GetProperty("Code").GetString() ?? string.Empty;
                serialNo = status.TryGetProperty("SerialNo", out var serial) ? serial.GetString() : null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Refused(TencentSmsOutcome.Transient, e.GetType().Name);
        }

        var outcome = TencentSmsCodes.Classify(code);
        if (outcome != TencentSmsOutcome.Sent)
        {
            throw Refused(outcome, code);
        }

        db.ReceivedNotifications.Add(new ReceivedNotification
        {
            Source = SentSource, NotificationId = messageId, Reference = serialNo ?? string.Empty, ReceivedAt = now, Outcome = nameof(TencentSmsOutcome.Sent),
        });
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry of the same message recorded it first.
        }
    }

    /// <summary>Logs the provider's code (never the number or the text) and says what it means to the person.</summary>
    private DomainException Refused(TencentSmsOutcome outcome, string code)
    {
        LogRefused(logger, outcome, code);
        return outcome switch
        {
            TencentSmsOutcome.NumberRejected => new DomainException("sms_number_rejected", "短信无法发送到该手机号，请核对号码。"),
            TencentSmsOutcome.RateLimited => new DomainException("sms_rate_limited", "该手机号接收短信过于频繁，请稍后再试。", DomainErrorKind.Conflict),
            _ => new DomainException("sms_unavailable", "短信服务暂时不可用，请稍后再试。", DomainErrorKind.Unavailable),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tencent Cloud SMS did not send: {Outcome} ({Code})")]
    private static partial void LogRefused(ILogger logger, TencentSmsOutcome outcome, string code);

    private sealed record SendSmsRequest(
        string[] PhoneNumberSet, string SmsSdkAppId, string SignName, string TemplateId, IReadOnlyList<string> TemplateParamSet, string SessionContext);
}
