using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Payments;

/// <summary>
/// Applies a gateway's word on an order (from a notification or an order query) to the order and its
/// application, in the caller's unit of work. Paid is final: later or repeated words change nothing,
/// and money paid twice is flagged for refund instead of paying the application twice.
/// </summary>
public sealed class PaymentSettlement(IdReissueDbContext db, RegionCatalog regions, WorkingDayCalendar calendar, IHouseholdRegistry registry, TimeProvider time)
{
    /// <summary>The anomaly of money that arrived after the holder stopped the application (不是我本人): due back.</summary>
    public const string PaidAfterHolderDenial = "paid after the holder stopped the application";

    public async Task<SettlementOutcome> ApplyAsync(string orderNumber, GatewayPaymentState state, Money amount, string? transactionId, Actor actor, CancellationToken cancellationToken)
    {
        var order = await db.PaymentOrders.SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken);
        if (order is null)
        {
            return SettlementOutcome.UnknownOrder;
        }

        if (order.State is PaymentOrderState.Paid or PaymentOrderState.RefundDue or PaymentOrderState.Refunded)
        {
            return SettlementOutcome.AlreadySettled;
        }

        var now = time.GetUtcNow();
        switch (state)
        {
            case GatewayPaymentState.Paid when amount.Fen != order.AmountFen:
                order.Anomaly = $"amount mismatch: gateway {amount.Fen} fen, order {order.AmountFen} fen";
                order.Version++;
                return SettlementOutcome.AmountMismatch;

            case GatewayPaymentState.Paid:
                var application = await db.Applications.Include(a => a.Transitions).SingleAsync(a => a.Id == order.ApplicationId, cancellationToken);
                order.PaidAt = now;
                order.TransactionId = transactionId;
                order.Version++;
                // A closed order's money is not taken for the application: the applicant was told that order no
                // longer counts (a later one, or a cancellation, replaced it), so whatever else happens it goes back.
                if (order.State == PaymentOrderState.Closed || application.PaidAt is not null || application.State != ApplicationState.AddressGiven
                    || application.HeldAsSuspectedImpersonation)
                {
                    order.Anomaly = order.State == PaymentOrderState.Closed ? "paid after the order was closed"
                        : application.HeldAsSuspectedImpersonation ? PaidAfterHolderDenial
                        : "paid after the application had already been paid or left the payment step";
                    order.State = PaymentOrderState.RefundDue;
                    return SettlementOutcome.RefundDue;
                }

                order.State = PaymentOrderState.Paid;
                var region = regions.Get(application.RegionId);
                var resident = await registry.FindAsync(application.CitizenId, cancellationToken);
                var photoNumber = await NewPhotoNumberAsync(region.ProvinceCode, now, cancellationToken);
                application.MarkPaid(order.OrderNumber, region, calendar, resident?.HistoricPhotoTakenOn, () => photoNumber, now, actor);
                return SettlementOutcome.Settled;

            case GatewayPaymentState.Failed or GatewayPaymentState.Closed when order.State == PaymentOrderState.Pending:
                order.State = state == GatewayPaymentState.Failed ? PaymentOrderState.Failed : PaymentOrderState.Closed;
                order.Version++;
                return SettlementOutcome.Closed;

            default:
                return SettlementOutcome.Ignored;
        }
    }

    private async Task<string> NewPhotoNumberAsync(string provinceCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = PhotoNumber.New(provinceCode, ChinaTime.DateOf(now)).Value;
            if (!await db.Applications.AnyAsync(a => a.PhotoNumber == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }
}

public enum SettlementOutcome
{
    Settled,
    AlreadySettled,
    RefundDue,
    AmountMismatch,
    Closed,
    Ignored,
    UnknownOrder,
}
