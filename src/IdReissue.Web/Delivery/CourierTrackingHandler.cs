using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Delivery;

/// <summary>Polls the courier for a dispatched card, for when pushed events are lost; stops once delivered.</summary>
public sealed class CourierTrackingHandler(IdReissueDbContext db, ICourierGateway courier, IOptions<DeliveryOptions> options, TimeProvider time) : IOutboxHandler
{
    public const string KindName = "courier.track";

    public string Kind => KindName;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var trackingNumber = message.Read<TrackWaybill>().TrackingNumber;
        var state = await db.Applications.Where(a => a.TrackingNumber == trackingNumber).Select(a => (ApplicationState?)a.State).SingleOrDefaultAsync(cancellationToken);
        if (state != ApplicationState.Dispatched)
        {
            return new OutboxOutcome(null, $"application is {state}");
        }

        var now = time.GetUtcNow();
        foreach (var courierEvent in await courier.TrackAsync(trackingNumber, cancellationToken))
        {
            if (await DeliveryRecorder.ApplyAsync(db, courierEvent, now, cancellationToken) == "delivered")
            {
                return new OutboxOutcome(null, "delivered (found by tracking)");
            }
        }

        return message.CreatedAt + options.Value.TrackFor < now
            ? new OutboxOutcome(null, "gave up tracking; an officer can confirm delivery")
            : OutboxOutcome.Again(now + options.Value.TrackEvery, "not delivered yet");
    }
}

public sealed record TrackWaybill(string TrackingNumber);

/// <summary>Configuration section "Delivery".</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Delivery:TrackEvery must be between {1} and {2}.")]
    public TimeSpan TrackEvery { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Delivery:TrackFor must be between {1} and {2}.")]
    public TimeSpan TrackFor { get; set; } = TimeSpan.FromDays(30);
}
