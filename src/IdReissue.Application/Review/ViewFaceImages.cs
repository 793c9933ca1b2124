using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Review;

/// <summary>
/// The faces of an application (the registry photo, the 实人认证 capture and its frames, the submitted photo and the
/// photo it was made from), for an officer with the reveal right: a face is personal data as much as an ID number, so
/// each viewing is an audit entry, as a reveal is. The page shows the verdicts and similarities without them.
/// </summary>
public sealed record ViewFaceImages(Guid ApplicationId, OfficerScope Officer);

public sealed class ViewFaceImagesHandler(OfficerApplications applications, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<string>> HandleAsync(ViewFaceImages command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindAsync(command.ApplicationId, command.Officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        audit.Record(command.Officer.Actor, "application.faces.view", application.ApplicationNumber, null);
        await unitOfWork.SaveAsync(cancellationToken);
        return application.ApplicationNumber;
    }
}
