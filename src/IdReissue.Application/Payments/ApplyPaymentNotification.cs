using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;

namespace IdReissue.Application.Payments;

/// <summary>A gateway's genuine (signature verified) notification of a payment result.</summary>
public sealed record ApplyPaymentNotification(PaymentChannel Channel, PaymentNotification Notification);

/// <summary>What the notification did; <paramref name="Repeat"/> when it had been applied before (its first outcome is given).</summary>
public sealed record NotificationApplied(SettlementOutcome Outcome, bool Repeat);

/// <summary>
/// Settles and records the notification in one unit of work. A conflicting concurrent write (a duplicate of
/// this notification, or another change to the application) makes it start over, so a payment is never
/// acknowledged without being applied; a duplicate that won the race has its outcome reused.
/// </summary>
public sealed class ApplyPaymentNotificationHandler(PaymentSettlement settlement, INotificationLedger ledger, IUnitOfWork unitOfWork, TimeProvider time)
{
    private const int Attempts = 3;

    public async Task<NotificationApplied> HandleAsync(ApplyPaymentNotification command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var notification = command.Notification;
        var source = $"payment:{command.Channel}";
        if (await ledger.OutcomeOfAsync(source, notification.NotificationId, cancellationToken) is { } seen)
        {
            return new NotificationApplied(Enum.Parse<SettlementOutcome>(seen), Repeat: true);
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await settlement.ApplyAsync(notification.OrderNumber, notification.State, notification.Amount, notification.TransactionId,
                Actor.Gateway($"notify:{command.Channel}"), cancellationToken);
            if (outcome != SettlementOutcome.UnknownOrder)
            {
                ledger.Record(source, notification.NotificationId, notification.OrderNumber, time.GetUtcNow(), outcome.ToString());
            }

            if (attempt == Attempts)
            {
                await unitOfWork.SaveAsync(cancellationToken);
                return new NotificationApplied(outcome, Repeat: false);
            }

            if (await unitOfWork.TrySaveAsync(cancellationToken))
            {
                return new NotificationApplied(outcome, Repeat: false);
            }

            if (await ledger.OutcomeOfAsync(source, notification.NotificationId, cancellationToken) is { } winner)
            {
                return new NotificationApplied(Enum.Parse<SettlementOutcome>(winner), Repeat: false);
            }
        }
    }
}
