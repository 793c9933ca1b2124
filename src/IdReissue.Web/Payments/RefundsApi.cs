using System.Globalization;
using System.Security.Claims;
using IdReissue.Domain.Common;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Web.Audit;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Payments;

/// <summary>
/// Money that must go back (paid twice, paid on a closed order, paid after cancelling): the officers' refund
/// task list, and the record that a refund was made. Both scoped to the officer's region and audited.
/// </summary>
public static class RefundsApi
{
    public static RouteGroupBuilder MapRefundsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/officer/refunds").WithTags("Officer").RequireAuthorization(Policies.Reviewer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListRefundsDue").WithSummary("Payments whose money must go back, in the officer's region");
        group.MapPost("/{orderNumber}/refunded", RecordRefunded).WithName("RecordRefund").WithSummary("Record that a refund was made through the merchant platform");
        return group;
    }

    public static async Task<Ok<List<RefundView>>> List(ClaimsPrincipal user, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var scope = user.OfficerRegion();
        var due = await (from order in db.PaymentOrders.AsNoTracking()
                         join application in db.Applications.AsNoTracking() on order.ApplicationId equals application.Id
                         where order.State == PaymentOrderState.RefundDue && (scope == "*" || application.RegionId == scope)
                         select new { order, application.ApplicationNumber, application.RegionId }).ToListAsync(cancellationToken);
        return TypedResults.Ok(due.OrderBy(d => d.order.PaidAt)
            .Select(d => RefundView.From(d.order, d.ApplicationNumber, d.RegionId)).ToList());
    }

    /// <summary>The officer refunded the money through the merchant platform; the order leaves the task list.</summary>
    public static async Task<Results<Ok<RefundView>, ProblemHttpResult>> RecordRefunded(
        string orderNumber, ClaimsPrincipal user, IdReissueDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var order = await db.PaymentOrders.SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken);
        var application = order is null ? null
            : await db.Applications.AsNoTracking().Where(a => a.Id == order.ApplicationId).Select(a => new { a.ApplicationNumber, a.RegionId }).SingleAsync(cancellationToken);
        if (order is null || application is null || !user.MaySeeRegion(application.RegionId))
        {
            return Problems.NotFound("refund_not_found", "未找到该待退款订单。");
        }

        if (order.State != PaymentOrderState.RefundDue)
        {
            return Problems.Create(409, "refund_not_due", "该订单无需退款或已登记退款。");
        }

        order.State = PaymentOrderState.Refunded;
        order.Version++;
        audit.Record(user.AsActor(), "payment.refunded", order.OrderNumber,
            string.Create(CultureInfo.InvariantCulture, $"{application.ApplicationNumber} {order.Channel} {order.AmountFen} fen"));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RefundView.From(order, application.ApplicationNumber, application.RegionId));
    }
}

/// <summary>One payment whose money must go back, and why.</summary>
public sealed record RefundView(
    string OrderNumber, string ApplicationNumber, string Region, PaymentChannel Channel, string ChannelName, decimal AmountYuan,
    DateTimeOffset? PaidAt, string? TransactionId, string Reason, string State)
{
    public static RefundView From(PaymentOrderRecord order, string applicationNumber, string region) => new(
        order.OrderNumber, applicationNumber, region, order.Channel, order.Channel.Chinese(), new Money(order.AmountFen).Yuan,
        order.PaidAt, order.TransactionId, ReasonOf(order.Anomaly), order.State.ToString());

    private static string ReasonOf(string? anomaly) => anomaly switch
    {
        "paid after the order was closed" => "订单关闭后仍收到付款",
        PaymentSettlement.PaidAfterHolderDenial => "证件持有人声明“不是我本人”后收到的付款",
        null => "需退款",
        _ => "该申请已缴费或已不在缴费环节时又收到付款",
    };
}
