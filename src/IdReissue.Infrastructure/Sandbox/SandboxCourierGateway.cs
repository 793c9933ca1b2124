using System.Security.Cryptography;
using System.Text.Json;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>EMS sandbox: issues 13-digit domestic waybill numbers and pushes pick-up, transit and delivery events.</summary>
public sealed class SandboxCourierGateway(
    IDbContextFactory<IdReissueDbContext> dbFactory,
    SandboxSigner signer,
    IOptions<SandboxOptions> options,
    TimeProvider time) : ICourierGateway
{
    public const string EventsPath = "/api/courier/events";

    public async Task<string> CreateWaybillAsync(Shipment shipment, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var trackingNumber = "11" + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetInt32(0, 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        db.SandboxShipments.Add(new SandboxShipment
        {
            TrackingNumber = trackingNumber,
            Reference = shipment.Reference,
            DivisionCode = shipment.DivisionCode,
            CollectOnDeliveryFen = shipment.CollectOnDeliveryFen,
            CreatedAt = now,
        });
        var o = options.Value;
        Schedule(db, trackingNumber, CourierEventKind.PickedUp, "EMS已揽收", now + o.CourierPickUpDelay);
        Schedule(db, trackingNumber, CourierEventKind.InTransit, "运输中，正在发往投递局", now + o.CourierInTransitDelay);
        Schedule(db, trackingNumber, CourierEventKind.Delivered, "已妥投，本人签收", now + o.CourierDeliveredDelay);
        await db.SaveChangesAsync(cancellationToken);
        return trackingNumber;
    }

    public CourierEvent ReadEvent(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        if (signer.Verify(headers, body, time.GetUtcNow()) is { } problem)
        {
            throw new CourierEventRejectedException(problem);
        }

        try
        {
            return JsonSerializer.Deserialize<CourierEvent>(body, SandboxJson.Options) ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            throw new CourierEventRejectedException("malformed_event");
        }
    }

    private static void Schedule(IdReissueDbContext db, string trackingNumber, CourierEventKind kind, string description, DateTimeOffset at) =>
        SandboxCallbacks.Enqueue(db, EventsPath, new CourierEvent(Guid.NewGuid().ToString(), trackingNumber, kind, at, description), at);
}
