namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>An EMS waybill in the sandbox courier.</summary>
public sealed class SandboxShipment
{
    public required string TrackingNumber { get; set; }

    public required string Reference { get; set; }

    public required string DivisionCode { get; set; }

    public long CollectOnDeliveryFen { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
