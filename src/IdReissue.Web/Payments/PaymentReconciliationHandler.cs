using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Payments;

/// <summary>
/// Asks the gateway about an order whose notification has not come: settles it if paid, asks again
/// later while it can still be paid, and closes it at the gateway once it has expired.
/// </summary>
public sealed class PaymentReconciliationHandler(PaymentGateways gateways, PaymentSettlement settlement, IOptions<PaymentOptions> options, TimeProvider time) : IOutboxHandler
{
    public const string KindName = "payment.reconcile";

    public string Kind => KindName;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var orderNumber = message.Read<ReconcileOrder>().OrderNumber;
        var order = await db.PaymentOrders.SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken);
        if (order is not { State: PaymentOrderState.Pending })
        {
            return OutboxOutcome.Done;
        }

        var gateway = gateways.For(order.Channel);
        var status = await gateway.QueryOrderAsync(orderNumber, cancellationToken);
        var outcome = await settlement.ApplyAsync(orderNumber, status.State, status.Amount, status.TransactionId, Actor.Gateway($"reconcile:{order.Channel}"), cancellationToken);
        var now = time.GetUtcNow();
        if (outcome != SettlementOutcome.Ignored)
        {
            return new OutboxOutcome(null, outcome.ToString());
        }

        if (now < order.ExpiresAt)
        {
            return OutboxOutcome.Again(Min(now + options.Value.ReconcileAfter, order.ExpiresAt), "not paid yet");
        }

        if (await gateway.CloseOrderAsync(orderNumber, cancellationToken))
        {
            order.State = PaymentOrderState.Closed;
            order.Version++;
            return new OutboxOutcome(null, "expired and closed");
        }

        // Paid in the last moment: the next query settles it.
        return OutboxOutcome.Again(now, "paid while closing");
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

public sealed record ReconcileOrder(string OrderNumber);

/// <summary>Configuration section "Payments".</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>How long to wait for a notification before asking the gateway.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
