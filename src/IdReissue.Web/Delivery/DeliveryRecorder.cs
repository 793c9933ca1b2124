using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Delivery;

/// <summary>Applies a courier event once, whether it was pushed by the courier or found by tracking.</summary>
public static class DeliveryRecorder
{
    private const string Source = "courier:ems";

    /// <summary>What <see cref="ApplyAsync"/> answers for an event about a waybill no application holds (yet).</summary>
    public const string UnknownWaybill = "unknown-waybill";

    /// <summary>Adds the event's effects to the unit of work; returns what happened, or null when it was seen before.
    /// An event for a waybill no application holds yet is not recorded (<see cref="UnknownWaybill"/>): the
    /// courier may report faster than the dispatch commits, and the event must count when it comes again.</summary>
    public static async Task<string?> ApplyAsync(IdReissueDbContext db, CourierEvent courierEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.ReceivedNotifications.AnyAsync(n => n.Source == Source && n.NotificationId == courierEvent.EventId, cancellationToken)
            || db.ReceivedNotifications.Local.Any(n => n.Source == Source && n.NotificationId == courierEvent.EventId))
        {
            return null;
        }

        var application = await db.Applications.Include(a => a.Transitions)
            .SingleOrDefaultAsync(a => a.TrackingNumber == courierEvent.TrackingNumber, cancellationToken);
        if (application is null)
        {
            return UnknownWaybill;
        }

        var outcome = "recorded";
        if (courierEvent.Kind == CourierEventKind.Delivered && application.State == ApplicationState.Dispatched)
        {
            application.Deliver(courierEvent.At, Actor.Gateway("ems"));
            outcome = "delivered";
        }

        db.ReceivedNotifications.Add(new ReceivedNotification
        {
            NotificationId = courierEvent.EventId,
            Source = Source,
            Reference = courierEvent.TrackingNumber,
            ReceivedAt = now,
            Outcome = $"{courierEvent.Kind}:{outcome}",
        });
        return outcome;
    }
}
