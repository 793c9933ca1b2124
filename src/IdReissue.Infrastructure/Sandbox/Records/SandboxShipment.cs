namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>An EMS waybill in the sandbox courier, with the times its events happen.</summary>
public sealed class SandboxShipment
{
    public required string TrackingNumber { get; set; }

    public required string Reference { get; set; }

    public required string DivisionCode { get; set; }

    public long CollectOnDeliveryFen { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset PickedUpAt { get; set; }

    public DateTimeOffset InTransitAt { get; set; }

    public DateTimeOffset DeliveredAt { get; set; }
}
