using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>An application's detail for review, personal data masked; every view is audited.</summary>
public sealed record GetOfficerApplication(Guid ApplicationId, OfficerScope Officer);

public sealed record OfficerApplication(ReissueApplication Application, IReadOnlyList<PhotoSubmissionSummary> PhotoSubmissions);

public sealed class GetOfficerApplicationHandler(OfficerApplications applications, IPhotoSubmissionStore photos, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<OfficerApplication>> HandleAsync(GetOfficerApplication query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.FindAsync(query.ApplicationId, query.Officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        var submissions = await photos.ReadForApplicationAsync(application.Id, cancellationToken);
        audit.Record(query.Officer.Actor, "application.view", application.ApplicationNumber, "masked");
        await unitOfWork.SaveAsync(cancellationToken);
        return new OfficerApplication(application, submissions);
    }
}
