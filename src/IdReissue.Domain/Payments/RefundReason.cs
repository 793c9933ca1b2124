namespace IdReissue.Domain.Payments;

/// <summary>Why money that reached a gateway must go back to the payer.</summary>
public enum RefundReason
{
    /// <summary>The order had been closed (replaced by another, or the application cancelled) when the money came.</summary>
    PaidAfterOrderClosed,

    /// <summary>The holder of the identity had said 不是我本人 and stopped the application.</summary>
    PaidAfterHolderDenial,

    /// <summary>The application was already paid by another order, or had left the payment step.</summary>
    PaidTwiceOrAfterPaymentStep,
}

public static class RefundReasonText
{
    public static string Chinese(this RefundReason? reason) => reason switch
    {
        RefundReason.PaidAfterOrderClosed => "订单关闭后仍收到付款",
        RefundReason.PaidAfterHolderDenial => "证件持有人声明“不是我本人”后收到的付款",
        RefundReason.PaidTwiceOrAfterPaymentStep => "该申请已缴费或已不在缴费环节时又收到付款",
        _ => "需退款",
    };
}
