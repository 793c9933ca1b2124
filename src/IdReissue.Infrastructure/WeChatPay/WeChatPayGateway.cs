using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IdReissue.Infrastructure.WeChatPay;

/// <summary>
/// WeChat Pay API v3 (Native: a QR code; H5: a page in the phone's browser; JSAPI: WeChat's payment sheet inside WeChat). Orders are keyed by our order
/// number as out_trade_no, so a retried create after a timeout is the same order at WeChat Pay. Amounts in fen.
/// </summary>
public sealed partial class WeChatPayGateway(
    IHttpClientFactory httpClientFactory, WeChatPayCredentials credentials, IOptions<WeChatPayOptions> options, ILogger<WeChatPayGateway> logger) : IPaymentGateway
{
    public const string HttpClientName = "wechatpay";

    public PaymentChannel Channel => PaymentChannel.WeChatPay;

    /// <summary>WeChat Pay: 200 or 204 without a body means received.</summary>
    public GatewayAnswer Acknowledgement { get; } = new(204, "text/plain", string.Empty);

    /// <summary>WeChat Pay: a 4xx/5xx with {"code":"FAIL","message":…}; it notifies again later.</summary>
    public GatewayAnswer? Refusal(int statusCode, string message) =>
        new(statusCode, "application/json", JsonSerializer.Serialize(new WeChatPayError("FAIL", message), WeChatPayJson.Options));

    public async Task<GatewayOrder> CreateOrderAsync(PaymentOrderRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var expires = ChinaTime.Local(request.ExpiresAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        if (request.PayerOpenId is { } openId)
        {
            // JSAPI: paid in WeChat's own payment sheet by the payer whose openid (under our 公众号 appid) the order names.
            var jsapi = new WeChatPayOrder(settings.AppId, settings.MchId, request.Description, request.OrderNumber, expires, settings.NotifyUrl,
                new WeChatPayAmount(request.Amount.Fen), null, new WeChatPayPayer(openId));
            var answer = await SendAsync<WeChatPayPrepay>(HttpMethod.Post, "/v3/pay/transactions/jsapi", jsapi, cancellationToken)
                ?? throw Unavailable("empty prepay answer");
            return GatewayOrder.InApp(request.OrderNumber, "prepay_id=" + (answer.PrepayId ?? throw Unavailable("prepay answer without prepay_id")));
        }

        // H5 opens WeChat from the phone's browser and works only there: a desktop is given the Native QR code to scan.
        var h5 = settings.TradeType == WeChatPayTradeType.H5 && request.PayerOnPhone;
        var order = new WeChatPayOrder(settings.AppId, settings.MchId, request.Description, request.OrderNumber, expires, settings.NotifyUrl,
            new WeChatPayAmount(request.Amount.Fen),
            h5 ? new WeChatPaySceneInfo(request.PayerIp ?? IPAddress.Loopback.ToString(), new WeChatPayH5Info("Wap")) : null);
        var prepay = await SendAsync<WeChatPayPrepay>(HttpMethod.Post, h5 ? "/v3/pay/transactions/h5" : "/v3/pay/transactions/native", order, cancellationToken)
            ?? throw Unavailable("empty prepay answer");
        var link = (h5 ? prepay.H5Url : prepay.CodeUrl) ?? throw Unavailable("prepay answer without a payment link");
        return new GatewayOrder(request.OrderNumber, new Uri(link), link);
    }

    public async Task<GatewayOrderStatus> QueryOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var transaction = await SendAsync<WeChatPayTransaction>(HttpMethod.Get, QueryPath(orderNumber), null, cancellationToken)
            ?? throw new DomainException("order_not_found", "支付平台查无此订单。", DomainErrorKind.NotFound);
        return new GatewayOrderStatus(transaction.OutTradeNo, StateOf(transaction.TradeState), new Money(transaction.Amount?.Total ?? 0),
            transaction.TransactionId, transaction.SuccessTime);
    }

    public async Task<bool> CloseOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        // WeChat Pay closes a paid order without complaint, so ask first: a paid order must not be reported closed.
        // An order WeChat Pay never had cannot be paid: nothing to close.
        var transaction = await SendAsync<WeChatPayTransaction>(HttpMethod.Get, QueryPath(orderNumber), null, cancellationToken);
        if (transaction is null)
        {
            return true;
        }

        var state = StateOf(transaction.TradeState);
        if (state == GatewayPaymentState.Paid)
        {
            return false;
        }

        if (state != GatewayPaymentState.Closed)
        {
            await SendAsync<JsonElement?>(HttpMethod.Post, $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(orderNumber)}/close",
                new WeChatPayClose(options.Value.MchId), cancellationToken);
        }

        return true;
    }

    public PaymentNotification ReadNotification(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (credentials.Verify(headers, body, now) is { } problem)
        {
            throw PaymentNotificationRejectedException.Unverified(problem);
        }

        WeChatPayNotice notice;
        WeChatPayTransaction transaction;
        try
        {
            notice = JsonSerializer.Deserialize<WeChatPayNotice>(body, WeChatPayJson.Options) ?? throw new JsonException("empty");
            if (notice.Resource.Algorithm != "AEAD_AES_256_GCM")
            {
                throw new PaymentNotificationRejectedException("malformed_notification", "通知加密算法不受支持。");
            }

            var plaintext = credentials.Decrypt(notice.Resource.Ciphertext, notice.Resource.Nonce, notice.Resource.AssociatedData ?? string.Empty);
            transaction = JsonSerializer.Deserialize<WeChatPayTransaction>(plaintext, WeChatPayJson.Options) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or ArgumentException)
        {
            throw new PaymentNotificationRejectedException("malformed_notification", "通知内容无法解密或解析。");
        }

        // Both orders we make (Native and JSAPI) name our merchant and our 公众号 appid: a transaction of another
        // merchant or of another application under a shared merchant (服务商) is not ours to settle.
        if (!string.Equals(transaction.Mchid, options.Value.MchId, StringComparison.Ordinal)
            || !string.Equals(transaction.Appid, options.Value.AppId, StringComparison.Ordinal))
        {
            throw new PaymentNotificationRejectedException("wrong_merchant", "通知不属于本商户，已拒绝。");
        }

        return new PaymentNotification(notice.Id, transaction.OutTradeNo, StateOf(transaction.TradeState), new Money(transaction.Amount?.Total ?? 0),
            transaction.TransactionId ?? string.Empty, transaction.SuccessTime, notice.CreateTime);
    }

    private string QueryPath(string orderNumber) =>
        $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(orderNumber)}?mchid={Uri.EscapeDataString(options.Value.MchId)}";

    private static GatewayPaymentState StateOf(string tradeState) => tradeState switch
    {
        // REFUND: it was paid, and (part of) it has been refunded since; the payment itself stands.
        "SUCCESS" or "REFUND" => GatewayPaymentState.Paid,
        "CLOSED" or "REVOKED" => GatewayPaymentState.Closed,
        "PAYERROR" => GatewayPaymentState.Failed,
        _ => GatewayPaymentState.NotPaid,
    };

    /// <summary>One call; null for 204 or a query of an order WeChat Pay does not know. Transport failures and errors become "unavailable".</summary>
    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: WeChatPayJson.Options);
        }

        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(WeChatPayJson.Options, cancellationToken);
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Get)
            {
                return default;
            }

            if (error.Code == "ORDER_CLOSED")
            {
                return default;
            }

            throw new WeChatPayException($"HTTP {(int)response.StatusCode} {error.Code}", error.Code);
        }
        catch (Exception e) when (e is WeChatPayException or HttpRequestException or TimeoutRejectedException or JsonException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable(e.Message);
        }
    }

    private static async Task<WeChatPayError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<WeChatPayError>(WeChatPayJson.Options, cancellationToken) ?? new WeChatPayError(null, null);
        }
        catch (JsonException)
        {
            return new WeChatPayError(null, null);
        }
    }

    private DomainException Unavailable(string reason)
    {
        LogUnavailable(logger, reason);
        return new DomainException("payment_gateway_unavailable", "微信支付暂时无法完成请求，请稍后再试。", DomainErrorKind.Unavailable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat Pay call failed: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
