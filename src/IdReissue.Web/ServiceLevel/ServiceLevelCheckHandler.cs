using IdReissue.Application.ServiceLevel;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Web.Operations;

namespace IdReissue.Web.ServiceLevel;

/// <summary>
/// The outbox's door to <see cref="CheckServiceLevelHandler"/>: a card not delivered by its due date raises an
/// alert (the handler's audit entry, a metric and a warning log).
/// </summary>
public sealed partial class ServiceLevelCheckHandler(CheckServiceLevelHandler handler, ILogger<ServiceLevelCheckHandler> logger, ApplicationMetrics metrics) : IOutboxHandler
{
    public string Kind => TransitionOutbox.ServiceLevelCheck;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await handler.HandleAsync(new CheckServiceLevel(message.Read<ServiceLevelNotice>().ApplicationId), cancellationToken) is not { } overdue)
        {
            return new OutboxOutcome(null, "gone or on time");
        }

        metrics.Overdue(overdue.RegionId);
        LogOverdue(logger, overdue.ApplicationNumber, overdue.DueDate, overdue.State.ToString());
        return OutboxOutcome.Done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Application {ApplicationNumber} missed its due date {DueDate} (state {State})")]
    private static partial void LogOverdue(ILogger logger, string applicationNumber, DateOnly? dueDate, string state);
}
