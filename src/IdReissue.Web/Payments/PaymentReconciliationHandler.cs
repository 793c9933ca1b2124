using IdReissue.Application.Payments;
using IdReissue.Infrastructure.Outbox;

namespace IdReissue.Web.Payments;

/// <summary>The outbox's door to <see cref="ReconcilePaymentOrderHandler"/>: its changes commit with the message's, in the message's scope.</summary>
public sealed class PaymentReconciliationHandler(ReconcilePaymentOrderHandler handler) : IOutboxHandler
{
    public string Kind => ReconcilePaymentOrderHandler.Kind;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return OutboxOutcome.From(await handler.HandleAsync(message.Read<ReconcilePaymentOrder>(), cancellationToken));
    }
}
