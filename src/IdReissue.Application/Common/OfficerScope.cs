using IdReissue.Domain.Common;

namespace IdReissue.Application.Common;

/// <summary>The officer acting, and the regions they work in (<see cref="OfficerRegions.Every"/>: every region).</summary>
public sealed record OfficerScope(string Username, OfficerRegions Regions)
{
    public const string EveryRegion = OfficerRegions.EveryMark;

    public Actor Actor => Actor.Officer(Username);

    public bool MaySee(string regionId) => Regions.Contains(regionId);
}
