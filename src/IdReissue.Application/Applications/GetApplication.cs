using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Applications;

/// <summary>One of the applicant's applications with its timeline, read for showing (progress, the application itself).</summary>
public sealed record GetApplication(Guid ApplicationId, Guid AccountId);

public sealed class GetApplicationHandler(IApplicationStore applications)
{
    public async Task<Result<ReissueApplication>> HandleAsync(GetApplication query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await applications.ReadOwnAsync(query.ApplicationId, query.AccountId, cancellationToken) is { } application
            ? application
            : ApplicationProblems.NotFound;
    }
}
