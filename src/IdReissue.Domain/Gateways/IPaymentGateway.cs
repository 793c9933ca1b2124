using IdReissue.Domain.Common;
using IdReissue.Domain.Payments;

namespace IdReissue.Domain.Gateways;

/// <summary>
/// One payment channel (WeChat Pay, Alipay, UnionPay). The shape follows the real gateways: create an
/// order and show its cashier/QR code, learn the result from an asynchronous signed notification,
/// query an order whose notification never came, close an abandoned order.
/// </summary>
public interface IPaymentGateway
{
    PaymentChannel Channel { get; }

    Task<GatewayOrder> CreateOrderAsync(PaymentOrderRequest request, CancellationToken cancellationToken);

    Task<GatewayOrderStatus> QueryOrderAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Closes an unpaid order; returns false when the gateway says it was paid meanwhile.</summary>
    Task<bool> CloseOrderAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Verifies the signature and decodes a notification; throws <see cref="PaymentNotificationRejectedException"/> when it is not genuine.</summary>
    PaymentNotification ReadNotification(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, DateTimeOffset now);

    /// <summary>The answer the gateway expects when a notification was accepted, so it stops retrying.</summary>
    GatewayAnswer Acknowledgement { get; }

    /// <summary>The answer in the gateway's documented failure format when a notification is refused (it retries later),
    /// with <paramref name="statusCode"/> where the gateway leaves the status to us; null where the service answers
    /// with its own problem details (the sandbox).</summary>
    GatewayAnswer? Refusal(int statusCode, string message);
}

/// <summary>An HTTP answer to a gateway's notification, in that gateway's own format.</summary>
public sealed record GatewayAnswer(int StatusCode, string ContentType, string Body);

/// <summary>An order to create. <paramref name="PayerIp"/> is the payer's address, which WeChat Pay's H5 orders must carry;
/// <paramref name="PayerOpenId"/>, when known, makes a WeChat Pay order one paid in WeChat's own payment sheet (JSAPI);
/// <paramref name="PayerOnPhone"/> says the payer pays on the phone that shows the page (a gateway's H5 payment, not a QR code).</summary>
public sealed record PaymentOrderRequest(
    string OrderNumber, Money Amount, string Description, DateTimeOffset ExpiresAt, string? PayerIp = null, string? PayerOpenId = null,
    bool PayerOnPhone = false);

/// <summary>Where the applicant pays: a cashier page and the content of its QR code; or, for an order paid inside the
/// payer's app, <see cref="InAppCashier"/> and the app's payment parameter (WeChat's <c>package</c>, <c>prepay_id=…</c>).</summary>
public sealed record GatewayOrder(string OrderNumber, Uri CashierUrl, string QrContent)
{
    /// <summary>The cashier of an order that only the payer's app can pay (no page, no QR code).</summary>
    public static readonly Uri InAppCashier = new("inapp:wechat-jsapi");

    public static GatewayOrder InApp(string orderNumber, string package) => new(orderNumber, InAppCashier, package);

    public static bool IsInApp(string cashierUrl) => cashierUrl == InAppCashier.ToString();
}

public enum GatewayPaymentState
{
    NotPaid,
    Paid,
    Closed,
    Failed,
}

public sealed record GatewayOrderStatus(string OrderNumber, GatewayPaymentState State, Money Amount, string? TransactionId, DateTimeOffset? PaidAt);

/// <summary>A verified notification from a gateway.</summary>
public sealed record PaymentNotification(string NotificationId, string OrderNumber, GatewayPaymentState State, Money Amount, string TransactionId, DateTimeOffset? PaidAt, DateTimeOffset SentAt);

public sealed class PaymentNotificationRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>A notification whose signature check failed with <paramref name="code"/> (a stale timestamp is a suspected replay).</summary>
    public static PaymentNotificationRejectedException Unverified(string code) =>
        new(code, code == "stale_notification" ? "通知时间戳已过期，疑似重放，已拒绝。" : "通知签名校验失败，已拒绝。");
}
