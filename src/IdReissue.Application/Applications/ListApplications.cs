using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Applications;

/// <summary>The applicant's applications, newest first.</summary>
public sealed record ListApplications(Guid AccountId);

public sealed class ListApplicationsHandler(IApplicationStore applications)
{
    public Task<IReadOnlyList<ReissueApplication>> HandleAsync(ListApplications query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return applications.ReadAllOfAccountAsync(query.AccountId, cancellationToken);
    }
}
