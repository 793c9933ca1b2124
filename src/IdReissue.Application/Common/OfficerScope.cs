using IdReissue.Domain.Common;

namespace IdReissue.Application.Common;

/// <summary>The officer acting, and the region they work in ("*": every region).</summary>
public sealed record OfficerScope(string Username, string Region)
{
    public const string EveryRegion = "*";

    public Actor Actor => Actor.Officer(Username);

    public bool MaySee(string regionId) => Region == EveryRegion || Region == regionId;
}
