using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;

namespace IdReissue.Infrastructure.Regions;

/// <summary>
/// The regions this service runs for, one policy file each, validated when loaded; each file's path and SHA-256 are
/// kept as read, so inspection can confirm what is enforced (<see cref="IRegionPolicySources"/>).
/// </summary>
public sealed class RegionCatalog : IRegionPolicies, IRegionPolicySources
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly FrozenDictionary<string, RegionPolicy> _regions;

    private readonly FrozenDictionary<string, (string File, string Sha256, long Bytes)> _files;

    public RegionCatalog(IEnumerable<RegionPolicy> regions)
        : this(regions, new Dictionary<string, (string, string, long)>())
    {
    }

    private RegionCatalog(IEnumerable<RegionPolicy> regions, IReadOnlyDictionary<string, (string File, string Sha256, long Bytes)> files)
    {
        var list = regions.ToList();
        var errors = list.SelectMany(r => r.Validate().Select(e => $"{r.Id}: {e}")).ToList();
        errors.AddRange(list.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: defined more than once"));
        if (list.Count == 0)
        {
            errors.Add("no region policy found");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid region policy: " + string.Join("; ", errors));
        }

        _regions = list.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyList<RegionPolicySource> Sources =>
        All.Select(p => _files.TryGetValue(p.Id, out var file) ? new RegionPolicySource(p, file.File, file.Sha256, file.Bytes) : new RegionPolicySource(p, null, null, null)).ToList();

    public IEnumerable<RegionPolicy> All => _regions.Values.OrderBy(r => r.ProvinceCode, StringComparer.Ordinal);

    /// <summary>The region's Chinese name, or the id itself for one no longer configured (old records).</summary>
    public string NameOf(string id) => _regions.TryGetValue(id, out var policy) ? policy.Name : id;

    public RegionPolicy PolicyOf(string? id) => Get(id);

    public RegionPolicy Get(string? id) =>
        id is not null && _regions.TryGetValue(id, out var policy)
            ? policy
            : throw new DomainException("unknown_region", $"不支持的办理地区“{id}”，可选：{string.Join("、", All.Select(r => $"{r.Id}（{r.Name}）"))}。");

    public static RegionCatalog LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Region policy directory not found: {directory}");
        }

        var regions = new List<RegionPolicy>();
        var files = new Dictionary<string, (string, string, long)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                // Read once: the policy enforced and the hash shown are of the same bytes.
                var bytes = File.ReadAllBytes(file);
                using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var policy = JsonSerializer.Deserialize<RegionPolicy>(text.ReadToEnd(), Json)
                    ?? throw new InvalidOperationException("empty file");
                if (policy.Id != Path.GetFileNameWithoutExtension(file))
                {
                    throw new InvalidOperationException($"id '{policy.Id}' does not match the file name");
                }

                regions.Add(policy);
                files[policy.Id] = (Path.GetFullPath(file), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                throw new InvalidOperationException($"Invalid region policy file {Path.GetFileName(file)}: {e.Message}", e);
            }
        }

        return new RegionCatalog(regions, files);
    }
}
