using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;

namespace IdReissue.Application.Payments;

/// <summary>
/// Applies a gateway's word on an order (from a notification, an order query or the reconciliation) to the
/// order and its application, in the caller's unit of work. Paid is final: later or repeated words change
/// nothing, and money paid twice is flagged for refund instead of paying the application twice.
/// </summary>
public sealed class PaymentSettlement(
    IPaymentOrderStore orders, IApplicationStore applications, IRegionPolicies regions, WorkingDayCalendar calendar, IHouseholdRegistry registry, TimeProvider time)
{
    public async Task<SettlementOutcome> ApplyAsync(string orderNumber, GatewayPaymentState state, Money amount, string? transactionId, Actor actor, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderNumber, cancellationToken);
        if (order is null)
        {
            return SettlementOutcome.UnknownOrder;
        }

        if (order.IsSettled)
        {
            return SettlementOutcome.AlreadySettled;
        }

        var now = time.GetUtcNow();
        switch (state)
        {
            case GatewayPaymentState.Paid when order.FlagIfAmountDiffers(amount):
                return SettlementOutcome.AmountMismatch;

            case GatewayPaymentState.Paid:
                var application = await applications.FindAsync(order.ApplicationId, cancellationToken)
                    ?? throw new InvalidOperationException($"Payment order {orderNumber} has no application.");
                // A closed order's money is not taken for the application: the applicant was told that order no
                // longer counts (a later one, or a cancellation, replaced it), so whatever else happens it goes back.
                order.RecordPaid(now, transactionId, DueBack(application));
                if (order.State == PaymentOrderState.RefundDue)
                {
                    return SettlementOutcome.RefundDue;
                }

                var region = regions.PolicyOf(application.RegionId);
                var resident = await registry.FindAsync(application.CitizenId, cancellationToken);
                var photoNumber = await NewPhotoNumberAsync(region.ProvinceCode, now, cancellationToken);
                application.MarkPaid(order.OrderNumber, region, calendar, resident?.HistoricPhotoTakenOn, () => photoNumber, now, actor);
                return SettlementOutcome.Settled;

            case GatewayPaymentState.Failed or GatewayPaymentState.Closed when order.IsPending:
                order.EndUnpaid(failed: state == GatewayPaymentState.Failed);
                return SettlementOutcome.Closed;

            default:
                return SettlementOutcome.Ignored;
        }
    }

    /// <summary>Why the application cannot take this money, if it cannot.</summary>
    private static RefundReason? DueBack(ReissueApplication application) =>
        application.HeldAsSuspectedImpersonation ? RefundReason.PaidAfterHolderDenial
        : application.PaidAt is not null || application.State != ApplicationState.AddressGiven ? RefundReason.PaidTwiceOrAfterPaymentStep
        : null;

    private async Task<string> NewPhotoNumberAsync(string provinceCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = PhotoNumber.New(provinceCode, ChinaTime.DateOf(now)).Value;
            if (!await applications.PhotoNumberTakenAsync(candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }
}
