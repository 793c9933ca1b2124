using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>EMS sandbox: issues 13-digit domestic waybill numbers, pushes pick-up, transit and delivery
/// events as signed callbacks, and answers tracking queries from the same timeline.</summary>
public sealed class SandboxCourierGateway(
    IDbContextFactory<IdReissueDbContext> dbFactory,
    IDbContextFactory<SandboxDbContext> sandboxFactory,
    SandboxSigner signer,
    IOptions<SandboxOptions> options,
    TimeProvider time) : ICourierGateway
{
    public const string EventsPath = "/api/courier/events";

    public async Task<string> CreateWaybillAsync(Shipment shipment, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var o = options.Value;
        var trackingNumber = "11" + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetInt32(0, 100).ToString("D2", CultureInfo.InvariantCulture);
        var waybill = new SandboxShipment
        {
            TrackingNumber = trackingNumber,
            Reference = shipment.Reference,
            DivisionCode = shipment.DivisionCode,
            CollectOnDeliveryFen = shipment.CollectOnDeliveryFen,
            CreatedAt = now,
            PickedUpAt = now + o.CourierPickUpDelay,
            InTransitAt = now + o.CourierInTransitDelay,
            DeliveredAt = now + o.CourierDeliveredDelay,
        };
        await using var sandbox = SandboxDbContext.Beside(db);
        sandbox.SandboxShipments.Add(waybill);
        foreach (var courierEvent in Events(waybill))
        {
            SandboxCallbacks.Enqueue(db, EventsPath, courierEvent, now, courierEvent.At);
        }

        await sandbox.SaveTogetherAsync(db, cancellationToken);
        return trackingNumber;
    }

    public async Task<IReadOnlyList<CourierEvent>> TrackAsync(string trackingNumber, CancellationToken cancellationToken)
    {
        await using var db = await sandboxFactory.CreateDbContextAsync(cancellationToken);
        var waybill = await db.SandboxShipments.AsNoTracking().SingleOrDefaultAsync(s => s.TrackingNumber == trackingNumber, cancellationToken);
        var now = time.GetUtcNow();
        return waybill is null ? [] : [.. Events(waybill).Where(e => e.At <= now)];
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

    /// <summary>Event ids derive from the waybill, so a pushed event and a tracked one are recognisably the same.</summary>
    private static IEnumerable<CourierEvent> Events(SandboxShipment waybill) =>
    [
        new($"{waybill.TrackingNumber}:picked-up", waybill.TrackingNumber, CourierEventKind.PickedUp, waybill.PickedUpAt, "EMS已揽收"),
        new($"{waybill.TrackingNumber}:in-transit", waybill.TrackingNumber, CourierEventKind.InTransit, waybill.InTransitAt, "运输中，正在发往投递局"),
        new($"{waybill.TrackingNumber}:delivered", waybill.TrackingNumber, CourierEventKind.Delivered, waybill.DeliveredAt, "已妥投，本人签收"),
    ];
}
