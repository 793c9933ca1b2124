using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Inspection;

/// <summary>Every region's effective policy, with the file it came from and its SHA-256, so an inspector can confirm what is enforced.</summary>
public sealed record ListRegionPolicies(OfficerScope Inspector);

/// <summary>The regions' policies as loaded at start-up, by province code.</summary>
public sealed record RegionPolicies(IReadOnlyList<RegionPolicySource> Regions);

public sealed class ListRegionPoliciesHandler(IRegionPolicySources sources)
{
    public Result<RegionPolicies> Handle(ListRegionPolicies query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new RegionPolicies(sources.Sources.OrderBy(s => s.Policy.ProvinceCode, StringComparer.Ordinal).ToList());
    }
}
