using IdReissue.Application.HolderAlerts;
using IdReissue.Infrastructure.Outbox;

namespace IdReissue.Web.HolderAlerts;

/// <summary>The outbox's door to <see cref="AlertHolderHandler"/>.</summary>
public sealed class HolderAlertHandler(AlertHolderHandler handler) : IOutboxHandler
{
    public string Kind => TransitionOutbox.AlertHolder;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = message.Read<HolderAlertNotice>();
        return OutboxOutcome.From(await handler.HandleAsync(new AlertHolder(notice.ApplicationId, notice.Sequence, message.Id.ToString("N")), cancellationToken));
    }
}
