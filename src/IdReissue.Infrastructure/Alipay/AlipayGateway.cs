using System.Globalization;
using System.Text;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IdReissue.Infrastructure.Alipay;

/// <summary>
/// Alipay open platform: alipay.trade.precreate gives the QR code to scan, alipay.trade.wap.pay the phone
/// cashier page (a signed address the browser opens), alipay.trade.query and alipay.trade.close manage the
/// order. All are keyed by our order number as out_trade_no, so a retried call is the same trade.
/// </summary>
public sealed partial class AlipayGateway(
    IHttpClientFactory httpClientFactory, AlipaySignature signature, IOptions<AlipayOptions> options, TimeProvider time, ILogger<AlipayGateway> logger) : IPaymentGateway
{
    public const string HttpClientName = "alipay";

    private const string Success = "10000";
    private const string TradeNotExist = "ACQ.TRADE_NOT_EXIST";

    public PaymentChannel Channel => PaymentChannel.Alipay;

    /// <summary>Alipay stops notifying only on the seven characters "success".</summary>
    public GatewayAnswer Acknowledgement { get; } = new(200, "text/plain", "success");

    /// <summary>Anything but "success" makes Alipay notify again; "failure" is what its documentation shows.</summary>
    public GatewayAnswer? Refusal(int statusCode, string message) => new(statusCode, "text/plain", "failure");

    public async Task<GatewayOrder> CreateOrderAsync(PaymentOrderRequest request, CancellationToken cancellationToken)
    {
        var amount = request.Amount.Yuan.ToString("0.00", CultureInfo.InvariantCulture);
        var expires = ChinaTime.Local(request.ExpiresAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var precreate = await CallAsync("alipay.trade.precreate",
            new Dictionary<string, string> { ["out_trade_no"] = request.OrderNumber, ["total_amount"] = amount, ["subject"] = request.Description, ["time_expire"] = expires },
            cancellationToken);
        if (precreate.Code != Success || !precreate.Body.TryGetProperty("qr_code", out var qrCode) || qrCode.GetString() is not { Length: > 0 } qr)
        {
            throw Unavailable($"precreate {precreate.Code} {precreate.SubCode}");
        }

        var settings = options.Value;
        var wap = Signed("alipay.trade.wap.pay", new Dictionary<string, string>
        {
            ["out_trade_no"] = request.OrderNumber, ["total_amount"] = amount, ["subject"] = request.Description, ["time_expire"] = expires,
            ["product_code"] = "QUICK_WAP_WAY", ["quit_url"] = settings.ReturnUrl ?? string.Empty,
        }, settings.ReturnUrl);

        var cashier = QueryHelpers.AddQueryString(settings.GatewayUrl.ToString(), wap!);
        return new GatewayOrder(request.OrderNumber, new Uri(cashier), qr);
    }

    public async Task<GatewayOrderStatus> QueryOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("alipay.trade.query", new Dictionary<string, string> { ["out_trade_no"] = orderNumber }, cancellationToken);
        if (answer.Code != Success)
        {
            // A precreated trade exists at Alipay only once the payer has scanned it: not yet paid, not an error.
            return answer.SubCode == TradeNotExist
                ? new GatewayOrderStatus(orderNumber, GatewayPaymentState.NotPaid, Money.Zero, null, null)
                : throw Unavailable($"query {answer.Code} {answer.SubCode}");
        }

        var body = answer.Body;
        return new GatewayOrderStatus(orderNumber, StateOf(Text(body, "trade_status")), AmountOf(Text(body, "total_amount")), Text(body, "trade_no"),
            BeijingTime(Text(body, "send_pay_date")));
    }

    public async Task<bool> CloseOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("alipay.trade.close", new Dictionary<string, string> { ["out_trade_no"] = orderNumber }, cancellationToken);
        if (answer.Code == Success || answer.SubCode == TradeNotExist)
        {
            return true;
        }

        // ACQ.TRADE_STATUS_ERROR: already closed, or paid; only the order's state tells which.
        return (await QueryOrderAsync(orderNumber, cancellationToken)).State != GatewayPaymentState.Paid;
    }

    public PaymentNotification ReadNotification(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var parameters = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (!parameters.ContainsKey("sign"))
        {
            throw PaymentNotificationRejectedException.Unverified("signature_missing");
        }

        if (!signature.VerifyNotification(parameters))
        {
            throw PaymentNotificationRejectedException.Unverified("invalid_signature");
        }

        if (!parameters.TryGetValue("app_id", out var appId) || appId != options.Value.AppId)
        {
            throw new PaymentNotificationRejectedException("wrong_merchant", "通知不属于本应用，已拒绝。");
        }

        // notify_time is when Alipay sent this notification (each of its retries is sent, and signed, anew): one sent
        // longer ago than the window, or without the time, is a captured copy posted again.
        if (BeijingTime(parameters.GetValueOrDefault("notify_time")) is not { } notifiedAt || (now - notifiedAt).Duration() > options.Value.MaxNotificationAge)
        {
            throw PaymentNotificationRejectedException.Unverified("stale_notification");
        }

        try
        {
            return new PaymentNotification(parameters["notify_id"], parameters["out_trade_no"], StateOf(parameters["trade_status"]),
                AmountOf(parameters["total_amount"]), parameters.GetValueOrDefault("trade_no") ?? string.Empty,
                BeijingTime(parameters.GetValueOrDefault("gmt_payment")), notifiedAt);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException)
        {
            throw new PaymentNotificationRejectedException("malformed_notification", "通知内容无法解析。");
        }
    }

    private static GatewayPaymentState StateOf(string? tradeStatus) => tradeStatus switch
    {
        "TRADE_SUCCESS" or "TRADE_FINISHED" => GatewayPaymentState.Paid,
        "TRADE_CLOSED" => GatewayPaymentState.Closed,
        _ => GatewayPaymentState.NotPaid,
    };

    private static Money AmountOf(string? yuan) =>
        yuan is null ? Money.Zero : Money.FromYuan(decimal.Parse(yuan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    private static DateTimeOffset? BeijingTime(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, ChinaTime.Offset)
            : null;

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The common parameters and biz_content of a call, signed.</summary>
    private Dictionary<string, string> Signed(string method, Dictionary<string, string> business, string? returnUrl = null)
    {
        var settings = options.Value;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_id"] = settings.AppId,
            ["method"] = method,
            ["format"] = "JSON",
            ["charset"] = "utf-8",
            ["sign_type"] = "RSA2",
            ["timestamp"] = ChinaTime.Local(time.GetUtcNow()).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["version"] = "1.0",
            ["notify_url"] = settings.NotifyUrl,
            ["biz_content"] = JsonSerializer.Serialize(business.Where(b => b.Value.Length > 0).ToDictionary()),
        };
        if (!string.IsNullOrEmpty(returnUrl))
        {
            parameters["return_url"] = returnUrl;
        }

        parameters["sign"] = signature.Sign(parameters);
        return parameters;
    }

    /// <summary>One call. The answer's signature (over the raw "…_response" member) must verify, whatever its code.</summary>
    private async Task<AlipayAnswer> CallAsync(string method, Dictionary<string, string> business, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.GatewayUrl)
        {
            Content = new FormUrlEncodedContent(Signed(method, business)),
        };
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var member = method.Replace('.', '_') + "_response";
            if (!json.RootElement.TryGetProperty(member, out var body) && !json.RootElement.TryGetProperty("error_response", out body))
            {
                throw Unavailable($"{method}: no {member}");
            }

            if (!json.RootElement.TryGetProperty("sign", out var sign) || sign.GetString() is not { } signed || !signature.Verify(body.GetRawText(), signed))
            {
                throw Unavailable($"{method}: response signature does not verify");
            }

            return new AlipayAnswer(Text(body, "code") ?? string.Empty, Text(body, "sub_code"), body.Clone());
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or JsonException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable($"{method}: {e.Message}");
        }
    }

    private DomainException Unavailable(string reason)
    {
        LogUnavailable(logger, reason);
        return new DomainException("payment_gateway_unavailable", "支付宝暂时无法完成请求，请稍后再试。", DomainErrorKind.Unavailable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alipay call failed: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    private sealed record AlipayAnswer(string Code, string? SubCode, JsonElement Body);
}
