using IdReissue.Domain.Regions;

namespace IdReissue.Application.Ports;

/// <summary>Each region's effective policy with the file it was loaded from and that file's SHA-256, as loaded at start-up.</summary>
public interface IRegionPolicySources
{
    IReadOnlyList<RegionPolicySource> Sources { get; }
}

/// <param name="File">The policy file's full path; null for a policy not loaded from a file (tests).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes as read, the same as `sha256sum FILE`.</param>
public sealed record RegionPolicySource(RegionPolicy Policy, string? File, string? Sha256, long? Bytes);
