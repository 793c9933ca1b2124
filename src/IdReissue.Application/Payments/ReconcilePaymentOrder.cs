using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Payments;

/// <summary>Ask the gateway about an order whose notification has not come (outbox work, enqueued with the order).</summary>
public sealed record ReconcilePaymentOrder(string OrderNumber);

/// <summary>
/// Settles the order if paid, asks again later while it can still be paid, and closes it at the gateway once it
/// has expired. Its changes are written by the outbox's unit of work, with the message's own.
/// </summary>
public sealed class ReconcilePaymentOrderHandler(IPaymentOrderStore orders, IPaymentGateways gateways, PaymentSettlement settlement, PaymentTimings timings, TimeProvider time)
{
    public const string Kind = "payment.reconcile";

    public async Task<FollowUp> HandleAsync(ReconcilePaymentOrder command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var order = await orders.FindAsync(command.OrderNumber, cancellationToken);
        if (order is not { IsPending: true })
        {
            return FollowUp.Done("not pending");
        }

        var gateway = gateways.GatewayFor(order.Channel);
        var status = await gateway.QueryOrderAsync(order.OrderNumber, cancellationToken);
        var outcome = await settlement.ApplyAsync(order.OrderNumber, status.State, status.Amount, status.TransactionId, Actor.Gateway($"reconcile:{order.Channel}"), cancellationToken);
        if (outcome != SettlementOutcome.Ignored)
        {
            return FollowUp.Done(outcome.ToString());
        }

        var now = time.GetUtcNow();
        if (now < order.ExpiresAt)
        {
            var again = now + timings.ReconcileAfter;
            return FollowUp.Again(again < order.ExpiresAt ? again : order.ExpiresAt, "not paid yet");
        }

        if (await gateway.CloseOrderAsync(order.OrderNumber, cancellationToken))
        {
            order.Close();
            return FollowUp.Done("expired and closed");
        }

        // Paid in the last moment: the next query settles it.
        return FollowUp.Again(now, "paid while closing");
    }
}
