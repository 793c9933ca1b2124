using System.Security.Claims;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Web.Auth;

namespace IdReissue.Web.Applications;

/// <summary>Loads the signed-in applicant's applications, with their timeline.</summary>
public static class ApplicationStore
{
    /// <summary>The applicant's own application; someone else's id reads as "not found", never "forbidden".</summary>
    public static async Task<ReissueApplication> LoadOwnAsync(this IApplicationStore applications, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return await applications.FindOwnAsync(id, user.ApplicantId(), cancellationToken) ?? throw ApplicationProblems.NotFound.ToException();
    }
}
