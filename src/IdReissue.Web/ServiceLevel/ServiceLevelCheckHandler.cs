using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.ServiceLevel;

/// <summary>
/// At the end of an application's due date: if the card has not been delivered, raises a service-level
/// alert (an audit entry the workbench's overdue queue and dashboards read, a metric, and a warning log).
/// </summary>
public sealed partial class ServiceLevelCheckHandler(IdReissueDbContext db, TimeProvider time, ILogger<ServiceLevelCheckHandler> logger, ApplicationMetrics metrics) : IOutboxHandler
{
    public string Kind => TransitionOutbox.ServiceLevelCheck;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var applicationId = message.Read<ServiceLevelNotice>().ApplicationId;
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        var now = time.GetUtcNow();
        if (application is null || !application.IsOverdue(ChinaTime.DateOf(now)))
        {
            return new OutboxOutcome(null, application is null ? "gone" : $"on time ({application.State})");
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = Actor.System.ToString(),
            Action = "sla.overdue",
            Target = application.ApplicationNumber,
            Detail = $"due {application.DueDate:yyyy-MM-dd}, state {application.State}, region {application.RegionId}",
        });
        metrics.Overdue(application.RegionId);
        LogOverdue(logger, application.ApplicationNumber, application.DueDate, application.State.ToString());
        return OutboxOutcome.Done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Application {ApplicationNumber} missed its due date {DueDate} (state {State})")]
    private static partial void LogOverdue(ILogger logger, string applicationNumber, DateOnly? dueDate, string state);
}
