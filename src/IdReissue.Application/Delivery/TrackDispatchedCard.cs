using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Delivery;

/// <summary>Done (with a note), or to be asked again at <paramref name="AgainAt"/>.</summary>
public sealed record TrackingStep(DateTimeOffset? AgainAt, string Note);

/// <summary>Polls the courier for a dispatched card, for when pushed events are lost; stops once delivered. Its changes are written by the outbox's unit of work.</summary>
public sealed class TrackDispatchedCardHandler(IApplicationStore applications, CourierEvents events, ICourierGateway courier, DeliveryOptions options, TimeProvider time)
{
    public async Task<TrackingStep> HandleAsync(TrackWaybill command, DateTimeOffset trackedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var application = await applications.FindByTrackingNumberAsync(command.TrackingNumber, cancellationToken);
        if (application?.State != ApplicationState.Dispatched)
        {
            return new TrackingStep(null, $"application is {application?.State}");
        }

        var now = time.GetUtcNow();
        foreach (var courierEvent in await courier.TrackAsync(command.TrackingNumber, cancellationToken))
        {
            if (await events.ApplyAsync(courierEvent, now, cancellationToken) == CourierEvents.Delivered)
            {
                return new TrackingStep(null, "delivered (found by tracking)");
            }
        }

        return trackedSince + options.TrackFor < now
            ? new TrackingStep(null, "gave up tracking; an officer can confirm delivery")
            : new TrackingStep(now + options.TrackEvery, "not delivered yet");
    }
}
