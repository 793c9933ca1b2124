namespace IdReissue.Domain.Payments;

public enum PaymentOrderState
{
    Pending,
    Paid,
    Closed,
    Failed,

    /// <summary>Paid at the gateway, but the application had already been paid, or the order had been closed,
    /// or the application left the payment step: the money is due back.</summary>
    RefundDue,

    /// <summary>An officer recorded that the money went back (who and when are in the audit log).</summary>
    Refunded,
}
