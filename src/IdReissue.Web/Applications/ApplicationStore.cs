using IdReissue.Application.Common;
using System.Security.Claims;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Applications;

/// <summary>Loads applications with their timeline, only for those allowed to see them.</summary>
public static class ApplicationStore
{
    /// <summary>The applicant's own application; someone else's id reads as "not found", never "forbidden".</summary>
    public static async Task<ReissueApplication> LoadOwnAsync(this IdReissueDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var accountId = user.ApplicantId();
        return await db.Applications.Include(a => a.Transitions)
                .SingleOrDefaultAsync(a => a.Id == id && a.AccountId == accountId, cancellationToken)
            ?? throw NotFound();
    }

    /// <summary>An application in the officer's region.</summary>
    public static async Task<ReissueApplication> LoadForOfficerAsync(this IdReissueDbContext db, Guid id, ClaimsPrincipal officer, CancellationToken cancellationToken)
    {
        var application = await db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return application is not null && officer.MaySeeRegion(application.RegionId) ? application : throw NotFound();
    }

    public static DomainException NotFound() => ApplicationProblems.NotFound.ToException();
}
