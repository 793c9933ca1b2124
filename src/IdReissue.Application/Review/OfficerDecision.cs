using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Review;

/// <summary>What every officer decision does around the decision itself: the officer's region only, the audit entry with the reason, one write.</summary>
public sealed class OfficerDecision(OfficerApplications applications, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> DecideAsync(
        Guid applicationId, OfficerScope officer, string action, string? reason, Func<ReissueApplication, DateTimeOffset, Actor, Task> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(decide);
        if (await applications.FindAsync(applicationId, officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        await decide(application, time.GetUtcNow(), officer.Actor);
        audit.Record(officer.Actor, action, application.ApplicationNumber, reason);
        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}
