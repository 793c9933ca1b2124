using IdReissue.Domain.Regions;

namespace IdReissue.Application.Ports;

/// <summary>The regions this service runs for.</summary>
public interface IRegionPolicies
{
    /// <summary>The region's policy; an unknown region is refused.</summary>
    RegionPolicy PolicyOf(string? id);
}
