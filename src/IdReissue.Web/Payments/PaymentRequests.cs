using IdReissue.Domain.Payments;

namespace IdReissue.Web.Payments;

/// <summary>Pay the card fee. The applicant must acknowledge that a paid application cannot be cancelled or refunded.</summary>
public sealed record CreatePaymentRequest(PaymentChannel? Channel, bool AcknowledgeNoCancellationNoRefund);

public sealed record PaymentView(
    string OrderNumber,
    PaymentChannel Channel,
    string ChannelName,
    decimal AmountYuan,
    PaymentOrderState State,
    string CashierUrl,
    string QrContent,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? PaidAt)
{
    public static PaymentView From(PaymentOrder order) => new(
        order.OrderNumber, order.Channel, order.Channel.Chinese(), order.AmountFen / 100m, order.State, order.CashierUrl, order.QrContent, order.ExpiresAt, order.PaidAt);
}
