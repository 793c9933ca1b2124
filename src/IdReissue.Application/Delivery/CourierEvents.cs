using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Delivery;

/// <summary>Applies a courier event once, whether it was pushed by the courier or found by tracking.</summary>
public sealed class CourierEvents(IApplicationStore applications, INotificationLedger ledger)
{
    private const string Source = "courier:ems";

    /// <summary>What <see cref="ApplyAsync"/> answers for an event about a waybill no application holds (yet).</summary>
    public const string UnknownWaybill = "unknown-waybill";

    public const string Delivered = "delivered";

    /// <summary>Adds the event's effects to the unit of work; returns what happened, or null when it was seen before.
    /// An event for a waybill no application holds yet is not recorded (<see cref="UnknownWaybill"/>): the
    /// courier may report faster than the dispatch commits, and the event must count when it comes again.</summary>
    public async Task<string?> ApplyAsync(CourierEvent courierEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(courierEvent);
        if (await ledger.SeenAsync(Source, courierEvent.EventId, cancellationToken))
        {
            return null;
        }

        if (await applications.FindByTrackingNumberAsync(courierEvent.TrackingNumber, cancellationToken) is not { } application)
        {
            return UnknownWaybill;
        }

        var outcome = "recorded";
        if (courierEvent.Kind == CourierEventKind.Delivered && application.State == ApplicationState.Dispatched)
        {
            application.Deliver(courierEvent.At, Actor.Gateway("ems"));
            outcome = Delivered;
        }

        ledger.Record(Source, courierEvent.EventId, courierEvent.TrackingNumber, now, $"{courierEvent.Kind}:{outcome}");
        return outcome;
    }
}
