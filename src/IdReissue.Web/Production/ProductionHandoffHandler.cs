using IdReissue.Application.Production;
using IdReissue.Infrastructure.Outbox;

namespace IdReissue.Web.Production;

/// <summary>The outbox's door to <see cref="HandOffProductionBatchHandler"/>: its change commits with the message's, in the message's scope.</summary>
public sealed class ProductionHandoffHandler(HandOffProductionBatchHandler handler) : IOutboxHandler
{
    public string Kind => CreateProductionBatchHandler.HandOffKind;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await handler.HandleAsync(message.Read<HandOffBatch>(), cancellationToken);
        return OutboxOutcome.Done;
    }
}
