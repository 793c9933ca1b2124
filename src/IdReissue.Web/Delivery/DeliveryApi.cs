using System.Security.Claims;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Applications;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Delivery;

/// <summary>EMS dispatch of produced cards and delivery, from the courier's events or an officer's confirmation.</summary>
public static partial class DeliveryApi
{
    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder routes)
    {
        var officer = routes.MapGroup("/api/officer/applications/{id:guid}").WithTags("Officer").RequireAuthorization(Policies.Production)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        officer.MapPost("/dispatch", Dispatch).WithName("DispatchCard").WithSummary("Dispatch the produced card by EMS");
        officer.MapPost("/delivery", ConfirmDelivery).WithName("ConfirmDelivery").WithSummary("Confirm delivery when the courier's event did not arrive");

        routes.MapPost("/api/courier/events", CourierEventReceived).WithTags("Delivery").AllowAnonymous()
            .WithName("ReceiveCourierEvent").WithSummary("The courier's signed waybill event (picked up, in transit, delivered)").ReceivedAsWebhook("courierEvent")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return routes;
    }

    public static async Task<Ok<ApplicationView>> Dispatch(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, ICourierGateway courier, AuditTrail audit, IOptions<DeliveryOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.LoadForOfficerAsync(id, user, cancellationToken);
        if (application.State != ApplicationState.InProduction || application.Address is not { } address)
        {
            throw new DomainException("step_out_of_order", $"只有制证中的申请可以寄出（当前状态：{application.State.Chinese()}）。", DomainErrorKind.Conflict);
        }

        // Before the waybill: a held application gets none (the courier's booking cannot be taken back).
        application.RequireNotHeld();
        var postage = application.Postage;
        var tracking = await courier.CreateWaybillAsync(new Shipment(application.ApplicationNumber, address.Recipient, address.Phone, address.DivisionCode, address.Detail,
            postage is { PayOnDelivery: true } ? postage.Amount.Fen : 0), cancellationToken);
        var now = time.GetUtcNow();
        application.Dispatch(tracking, now, user.AsActor());
        db.Enqueue(CourierTrackingHandler.KindName, new TrackWaybill(tracking), now, now + options.Value.TrackEvery, $"track:{tracking}");
        audit.Record(user.AsActor(), "application.dispatch", application.ApplicationNumber, $"EMS {tracking}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationView.ForOfficer(application, regions.Get(application.RegionId)));
    }

    public static async Task<Ok<ApplicationView>> ConfirmDelivery(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.LoadForOfficerAsync(id, user, cancellationToken);
        application.Deliver(time.GetUtcNow(), user.AsActor());
        audit.Record(user.AsActor(), "application.deliver", application.ApplicationNumber, "confirmed by officer");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationView.ForOfficer(application, regions.Get(application.RegionId)));
    }

    public static async Task<Results<Ok<CourierAck>, ProblemHttpResult>> CourierEventReceived(
        HttpRequest http, IdReissueDbContext db, ICourierGateway courier, TimeProvider time, ILogger<CourierAck> logger, CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(http, cancellationToken);
        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        CourierEvent courierEvent;
        try
        {
            courierEvent = courier.ReadEvent(headers, body);
        }
        catch (CourierEventRejectedException rejected)
        {
            return Problems.Create(401, rejected.Message, "快递事件签名校验失败，已拒绝。");
        }

        var outcome = await DeliveryRecorder.ApplyAsync(db, courierEvent, time.GetUtcNow(), cancellationToken);
        if (outcome is null)
        {
            return TypedResults.Ok(new CourierAck("SUCCESS"));
        }

        if (outcome == DeliveryRecorder.UnknownWaybill)
        {
            // Not acknowledged, so the courier sends it again (by then the dispatch has committed).
            LogEvent(logger, courierEvent.TrackingNumber, courierEvent.Kind, outcome);
            return Problems.NotFound("waybill_not_found", "未找到该运单号对应的申请，请稍后重发。");
        }

        await db.SaveChangesAsync(cancellationToken);
        LogEvent(logger, courierEvent.TrackingNumber, courierEvent.Kind, outcome);
        return TypedResults.Ok(new CourierAck("SUCCESS"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Courier event {Kind} for {TrackingNumber}: {Outcome}")]
    private static partial void LogEvent(ILogger logger, string trackingNumber, CourierEventKind kind, string outcome);
}

public sealed record CourierAck(string Code);
