using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>The unmasked personal data, for an officer with the separate reveal right; every reveal is an audit entry.</summary>
public sealed record RevealPersonalData(Guid ApplicationId, OfficerScope Officer);

public sealed class RevealPersonalDataHandler(OfficerApplications applications, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<ReissueApplication>> HandleAsync(RevealPersonalData query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.FindAsync(query.ApplicationId, query.Officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        audit.Record(query.Officer.Actor, "application.reveal", application.ApplicationNumber, "name,citizenId,householdNumber,address");
        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}
