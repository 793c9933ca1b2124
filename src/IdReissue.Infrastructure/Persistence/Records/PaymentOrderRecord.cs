using IdReissue.Domain.Payments;

namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>An order at a payment gateway for one application's card fee.</summary>
public sealed class PaymentOrderRecord
{
    public required string OrderNumber { get; set; }

    public Guid ApplicationId { get; set; }

    public PaymentChannel Channel { get; set; }

    public long AmountFen { get; set; }

    public PaymentOrderState State { get; set; }

    public required string CashierUrl { get; set; }

    public required string QrContent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public string? TransactionId { get; set; }

    /// <summary>Why the order needs a person (e.g. amount mismatch, paid after the application was paid another way).</summary>
    public string? Anomaly { get; set; }

    public int Version { get; set; }
}

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
