namespace IdReissue.Domain.Gateways;

/// <summary>EMS (邮政速递): a waybill per card, then pick-up, transit and delivery events pushed back.</summary>
public interface ICourierGateway
{
    Task<string> CreateWaybillAsync(Shipment shipment, CancellationToken cancellationToken);

    /// <summary>The events of a waybill so far, for when pushed events did not arrive.</summary>
    Task<IReadOnlyList<CourierEvent>> TrackAsync(string trackingNumber, CancellationToken cancellationToken);

    /// <summary>Verifies and decodes a tracking event; throws <see cref="CourierEventRejectedException"/> when not genuine.</summary>
    CourierEvent ReadEvent(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body);
}

/// <summary>What the courier needs; postage is collected on delivery when <see cref="CollectOnDeliveryFen"/> is non-zero.</summary>
public sealed record Shipment(string Reference, string Recipient, string Phone, string DivisionCode, string AddressDetail, long CollectOnDeliveryFen);

public enum CourierEventKind
{
    PickedUp,
    InTransit,
    Delivered,
}

public sealed record CourierEvent(string EventId, string TrackingNumber, CourierEventKind Kind, DateTimeOffset At, string Description);

public sealed class CourierEventRejectedException(string message) : Exception(message);
