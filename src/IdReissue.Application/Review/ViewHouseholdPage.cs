using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Review;

/// <summary>The household register page (户口页) an applicant uploaded, for an officer with the reveal right: it is personal data
/// (the whole household's), so every viewing is an audit entry, like a reveal.</summary>
public sealed record ViewHouseholdPage(Guid ApplicationId, OfficerScope Officer);

public sealed class ViewHouseholdPageHandler(OfficerApplications applications, IReviewEvidence evidence, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<FileContent>> HandleAsync(ViewHouseholdPage query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.FindAsync(query.ApplicationId, query.Officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        if (application.HouseholdPageDocumentId is not { } documentId
            || await evidence.ReadFileAsync(application.Id, documentId, cancellationToken) is not { } page)
        {
            return Problem.NotFound("household_page_missing", "该申请没有上传户口页。");
        }

        audit.Record(query.Officer.Actor, "application.household-page.view", application.ApplicationNumber, null);
        await unitOfWork.SaveAsync(cancellationToken);
        return page;
    }
}
