using System.Security.Claims;
using IdReissue.Application.Common;
using IdReissue.Application.Delivery;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Dispatch(
        Guid id, ClaimsPrincipal user, DispatchCardHandler handler, RegionCatalog regions, CancellationToken cancellationToken) =>
        ForOfficer(await handler.HandleAsync(new DispatchCard(id, user.AsOfficerScope()), cancellationToken), regions);

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ConfirmDelivery(
        Guid id, ClaimsPrincipal user, ConfirmDeliveryHandler handler, RegionCatalog regions, CancellationToken cancellationToken) =>
        ForOfficer(await handler.HandleAsync(new Application.Delivery.ConfirmDelivery(id, user.AsOfficerScope()), cancellationToken), regions);

    public static async Task<Results<Ok<CourierAck>, ProblemHttpResult>> CourierEventReceived(
        HttpRequest http, ICourierGateway courier, RecordWaybillUpdateHandler handler, ILogger<CourierAck> logger, CancellationToken cancellationToken)
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

        var outcome = await handler.HandleAsync(new RecordWaybillUpdate(courierEvent), cancellationToken);
        if (outcome is null)
        {
            return TypedResults.Ok(new CourierAck("SUCCESS"));
        }

        LogEvent(logger, courierEvent.TrackingNumber, courierEvent.Kind, outcome);

        // Not acknowledged, so the courier sends it again (by then the dispatch has committed).
        return outcome == CourierEvents.UnknownWaybill
            ? Problems.NotFound("waybill_not_found", "未找到该运单号对应的申请，请稍后重发。")
            : TypedResults.Ok(new CourierAck("SUCCESS"));
    }

    private static Results<Ok<ApplicationView>, ProblemHttpResult> ForOfficer(Result<ReissueApplication> result, RegionCatalog regions) =>
        result.Succeeded ? TypedResults.Ok(ApplicationView.ForOfficer(result.Value, regions.Get(result.Value.RegionId))) : Problems.From(result.Problem!);

    [LoggerMessage(Level = LogLevel.Information, Message = "Courier event {Kind} for {TrackingNumber}: {Outcome}")]
    private static partial void LogEvent(ILogger logger, string trackingNumber, CourierEventKind kind, string outcome);
}

public sealed record CourierAck(string Code);
