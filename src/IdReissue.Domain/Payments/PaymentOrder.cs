using System.Globalization;
using System.Security.Cryptography;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Domain.Payments;

/// <summary>
/// An order at a payment gateway for one application's card fee. It is open (pending) until the gateway
/// says it was paid, failed or closed; paid is final. Money that arrives when the application cannot take it
/// (the order closed, the application paid already or stopped) is due back, and an officer records the
/// refund. Every change raises <see cref="Version"/>, the optimistic-concurrency token.
/// </summary>
public sealed class PaymentOrder
{
    /// <summary>The anomaly texts stored with an order; <see cref="RefundReason"/> reads them back.</summary>
    private static readonly Dictionary<RefundReason, string> RefundAnomalies = new()
    {
        [Payments.RefundReason.PaidAfterOrderClosed] = "paid after the order was closed",
        [Payments.RefundReason.PaidAfterHolderDenial] = "paid after the holder stopped the application",
        [Payments.RefundReason.PaidTwiceOrAfterPaymentStep] = "paid after the application had already been paid or left the payment step",
    };

    private PaymentOrder()
    {
        OrderNumber = CashierUrl = QrContent = string.Empty;
    }

    public string OrderNumber { get; private set; }

    public Guid ApplicationId { get; private set; }

    public PaymentChannel Channel { get; private set; }

    public long AmountFen { get; private set; }

    public PaymentOrderState State { get; private set; }

    public string CashierUrl { get; private set; }

    public string QrContent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? TransactionId { get; private set; }

    /// <summary>Why the order needs a person (an amount that differs, money that must go back).</summary>
    public string? Anomaly { get; private set; }

    public int Version { get; private set; }

    public bool IsPending => State == PaymentOrderState.Pending;

    /// <summary>The gateway's word on this order is in: later or repeated words change nothing.</summary>
    public bool IsSettled => State is PaymentOrderState.Paid or PaymentOrderState.RefundDue or PaymentOrderState.Refunded;

    /// <summary>Opened in WeChat's in-app payment sheet (JSAPI) rather than at a cashier page or by QR code.</summary>
    public bool IsInApp => GatewayOrder.IsInApp(CashierUrl);

    public RefundReason? RefundReason
    {
        get
        {
            foreach (var (reason, text) in RefundAnomalies)
            {
                if (text == Anomaly)
                {
                    return reason;
                }
            }

            return null;
        }
    }

    public static PaymentOrder Open(string orderNumber, Guid applicationId, PaymentChannel channel, Money amount, GatewayOrder gatewayOrder, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderNumber);
        ArgumentNullException.ThrowIfNull(gatewayOrder);
        return new PaymentOrder
        {
            OrderNumber = orderNumber,
            ApplicationId = applicationId,
            Channel = channel,
            AmountFen = amount.Fen,
            State = PaymentOrderState.Pending,
            CashierUrl = gatewayOrder.CashierUrl.ToString(),
            QrContent = gatewayOrder.QrContent,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>A new order number: "P", the Beijing time to the second and eight random digits (gateways allow 32 characters).</summary>
    public static string NewNumber(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"P{ChinaTime.Local(now):yyyyMMddHHmmss}{RandomNumberGenerator.GetInt32(0, 100_000_000):D8}");

    /// <summary>A pending order the applicant can still pay the way asked (the same channel, in WeChat's sheet or not), with time to spare.</summary>
    public bool CanBeReusedFor(PaymentChannel channel, bool inApp, DateTimeOffset now) =>
        IsPending && Channel == channel && ExpiresAt > now + TimeSpan.FromMinutes(2) && IsInApp == inApp;

    /// <summary>The gateway closed the order (replaced, cancelled or expired): money that comes later goes back.</summary>
    public void Close()
    {
        RequirePending();
        State = PaymentOrderState.Closed;
        Version++;
    }

    /// <summary>The gateway said the payment failed or the order closed on its side.</summary>
    public void EndUnpaid(bool failed)
    {
        RequirePending();
        State = failed ? PaymentOrderState.Failed : PaymentOrderState.Closed;
        Version++;
    }

    /// <summary>The gateway says an amount was paid that is not the order's: nothing is settled, a person looks.</summary>
    public bool FlagIfAmountDiffers(Money paid)
    {
        if (paid.Fen == AmountFen)
        {
            return false;
        }

        Anomaly = string.Create(CultureInfo.InvariantCulture, $"amount mismatch: gateway {paid.Fen} fen, order {AmountFen} fen");
        Version++;
        return true;
    }

    /// <summary>
    /// The gateway says the order was paid. When the application could not take the money (<paramref name="dueBack"/>,
    /// or the order had been closed), it is due back instead.
    /// </summary>
    public void RecordPaid(DateTimeOffset at, string? transactionId, RefundReason? dueBack)
    {
        if (IsSettled)
        {
            throw new DomainException("payment_already_settled", "该订单的支付结果已确认。", DomainErrorKind.Conflict);
        }

        var reason = State == PaymentOrderState.Closed ? Payments.RefundReason.PaidAfterOrderClosed : dueBack;
        PaidAt = at;
        TransactionId = transactionId;
        State = reason is null ? PaymentOrderState.Paid : PaymentOrderState.RefundDue;
        Anomaly = reason is { } r ? RefundAnomalies[r] : Anomaly;
        Version++;
    }

    /// <summary>An officer made the refund through the merchant platform; the order leaves the task list.</summary>
    public void RecordRefunded()
    {
        if (State != PaymentOrderState.RefundDue)
        {
            throw new DomainException("refund_not_due", "该订单无需退款或已登记退款。", DomainErrorKind.Conflict);
        }

        State = PaymentOrderState.Refunded;
        Version++;
    }

    private void RequirePending()
    {
        if (!IsPending)
        {
            throw new DomainException("payment_not_pending", "该订单已不在待支付状态。", DomainErrorKind.Conflict);
        }
    }
}
