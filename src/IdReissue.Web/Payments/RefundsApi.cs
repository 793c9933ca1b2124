using System.Security.Claims;
using IdReissue.Application.Payments;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Domain.Payments;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Payments;

/// <summary>
/// Money that must go back (paid twice, paid on a closed order, paid after cancelling): the officers' refund
/// task list, and the record that a refund was made. Both scoped to the officer's region and audited.
/// </summary>
public static class RefundsApi
{
    public static RouteGroupBuilder MapRefundsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/officer/refunds").WithTags("Officer").RequireAuthorization(Policies.Finance)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListRefundsDue").WithSummary("Payments whose money must go back, in the officer's region");
        group.MapPost("/{orderNumber}/refunded", RecordRefunded).WithName("RecordRefund").WithSummary("Record that a refund was made through the merchant platform");
        return group;
    }

    public static async Task<Ok<List<RefundView>>> List(ClaimsPrincipal user, ListRefundsDueHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.HandleAsync(new ListRefundsDue(user.AsOfficerScope()), cancellationToken)).Select(RefundView.From).ToList());

    /// <summary>The officer refunded the money through the merchant platform; the order leaves the task list.</summary>
    public static async Task<Results<Ok<RefundView>, ProblemHttpResult>> RecordRefunded(
        string orderNumber, ClaimsPrincipal user, RecordRefundHandler handler, CancellationToken cancellationToken)
    {
        var refunded = await handler.HandleAsync(new RecordRefund(orderNumber, user.AsOfficerScope()), cancellationToken);
        return refunded.Succeeded ? TypedResults.Ok(RefundView.From(refunded.Value)) : Problems.From(refunded.Problem!);
    }
}

/// <summary>One payment whose money must go back, and why.</summary>
public sealed record RefundView(
    string OrderNumber, string ApplicationNumber, string Region, PaymentChannel Channel, string ChannelName, decimal AmountYuan,
    DateTimeOffset? PaidAt, string? TransactionId, string Reason, string State)
{
    public static RefundView From(RefundDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var order = due.Order;
        return new(order.OrderNumber, due.ApplicationNumber, due.RegionId, order.Channel, order.Channel.Chinese(), new Money(order.AmountFen).Yuan,
            order.PaidAt, order.TransactionId, order.RefundReason.Chinese(), order.State.ToString());
    }
}
