using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;

namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>The sandbox gateway's own view of an order (what the gateway would hold).</summary>
public sealed class SandboxPaymentOrder
{
    public required string OrderNumber { get; set; }

    public PaymentChannel Channel { get; set; }

    public long AmountFen { get; set; }

    public required string Description { get; set; }

    public GatewayPaymentState State { get; set; }

    public string? TransactionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }
}
