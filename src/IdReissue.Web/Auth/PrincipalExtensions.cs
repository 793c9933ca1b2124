using IdReissue.Application.Auth;
using System.Security.Claims;
using IdReissue.Application.Common;
using IdReissue.Domain.Common;

namespace IdReissue.Web.Auth;

public static class PrincipalExtensions
{
    public static Guid ApplicantId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No subject."));

    public static string OfficerUsername(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No subject.");

    /// <summary>The officer's region, or "*" for an administrator who sees all.</summary>
    public static string OfficerRegion(this ClaimsPrincipal user) => user.FindFirstValue(SessionClaims.Region) ?? string.Empty;

    public static bool MaySeeRegion(this ClaimsPrincipal user, string regionId) => user.OfficerRegion() is "*" || user.OfficerRegion() == regionId;

    /// <summary>The signed-in officer and their region, as the application layer's handlers take them.</summary>
    public static OfficerScope AsOfficerScope(this ClaimsPrincipal user) => new(user.OfficerUsername(), user.OfficerRegion());

    public static Actor AsActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionClaims.Kind) == SessionKinds.Officer ? Actor.Officer(user.OfficerUsername()) : Actor.Applicant(user.ApplicantId());
}
