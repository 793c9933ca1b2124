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

    /// <summary>The officer's regions (every region for an officer who sees all); none for anyone else.</summary>
    public static OfficerRegions OfficerRegions(this ClaimsPrincipal user) => Application.Common.OfficerRegions.Parse(user.FindFirstValue(SessionClaims.Regions));

    public static bool MaySeeRegion(this ClaimsPrincipal user, string regionId) => user.OfficerRegions().Contains(regionId);

    /// <summary>The regions the officer may pick from (to filter a queue, to name a batch's): every one the service runs
    /// for an officer of every region, else their own.</summary>
    public static IReadOnlyList<(string Id, string Name)> OfficerRegionChoices(this ClaimsPrincipal user, IdReissue.Infrastructure.Regions.RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var held = user.OfficerRegions();
        return held.IsEvery ? [.. regions.All.Select(r => (r.Id, r.Name))] : [.. held.Ids.Select(id => (id, regions.NameOf(id)))];
    }

    /// <summary>The signed-in officer and their regions, as the application layer's handlers take them.</summary>
    public static OfficerScope AsOfficerScope(this ClaimsPrincipal user) => new(user.OfficerUsername(), user.OfficerRegions());

    public static Actor AsActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionClaims.Kind) == SessionKinds.Officer ? Actor.Officer(user.OfficerUsername()) : Actor.Applicant(user.ApplicantId());
}
