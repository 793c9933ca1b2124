using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Delivery;

/// <summary>Polls the courier for a dispatched card, for when pushed events are lost; stops once delivered. Its changes are written by the outbox's unit of work.</summary>
public sealed class TrackDispatchedCardHandler(IApplicationStore applications, CourierEvents events, ICourierGateway courier, DeliveryOptions options, TimeProvider time)
{
    public async Task<FollowUp> HandleAsync(TrackWaybill command, DateTimeOffset trackedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var application = await applications.FindByTrackingNumberAsync(command.TrackingNumber, cancellationToken);
        if (application?.State != ApplicationState.Dispatched)
        {
            return FollowUp.Done($"application is {application?.State}");
        }

        var now = time.GetUtcNow();
        foreach (var courierEvent in await courier.TrackAsync(command.TrackingNumber, cancellationToken))
        {
            if (await events.ApplyAsync(courierEvent, now, cancellationToken) == CourierEvents.Delivered)
            {
                return FollowUp.Done("delivered (found by tracking)");
            }
        }

        return trackedSince + options.TrackFor < now
            ? FollowUp.Done("gave up tracking; an officer can confirm delivery")
            : FollowUp.Again(now + options.TrackEvery, "not delivered yet");
    }
}
