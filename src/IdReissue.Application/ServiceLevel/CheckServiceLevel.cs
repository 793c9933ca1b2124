using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;

namespace IdReissue.Application.ServiceLevel;

/// <summary>At the end of an application's due date, see whether its card was delivered (outbox work).</summary>
public sealed record CheckServiceLevel(Guid ApplicationId);

/// <summary>An application that missed its due date, for the alert's metric and log.</summary>
public sealed record OverdueApplication(string ApplicationNumber, string RegionId, DateOnly? DueDate, ApplicationState State);

/// <summary>
/// Raises the service-level alert of an undelivered card: an audit entry, which the workbench's overdue queue and
/// dashboards read, written with the outbox's unit of work. Answers the overdue application, or null when on time.
/// </summary>
public sealed class CheckServiceLevelHandler(IApplicationStore applications, IAuditLog audit, TimeProvider time)
{
    public async Task<OverdueApplication?> HandleAsync(CheckServiceLevel command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var application = await applications.ReadAsync(command.ApplicationId, cancellationToken);
        if (application is null || !application.IsOverdue(ChinaTime.DateOf(time.GetUtcNow())))
        {
            return null;
        }

        audit.Record(Actor.System, "sla.overdue", application.ApplicationNumber,
            $"due {application.DueDate:yyyy-MM-dd}, state {application.State}, region {application.RegionId}");
        return new OverdueApplication(application.ApplicationNumber, application.RegionId, application.DueDate, application.State);
    }
}
