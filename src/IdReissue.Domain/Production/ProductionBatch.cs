using System.Globalization;
using System.Security.Cryptography;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;

namespace IdReissue.Domain.Production;

/// <summary>A batch of a region's approved applications handed to the production centre (制证中心) as one export.</summary>
public sealed class ProductionBatch
{
    /// <summary>The most applications one batch takes; the rest wait for the next.</summary>
    public const int MaxSize = 1000;

    private ProductionBatch()
    {
        BatchNumber = RegionId = CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public string BatchNumber { get; private set; }

    public string RegionId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public int ApplicationCount { get; private set; }

    /// <summary>When the production centre acknowledged the export.</summary>
    public DateTimeOffset? HandedOffAt { get; private set; }

    /// <summary>
    /// A batch of <paramref name="approved"/> (all of the region, approved, none held by its holder's denial): each
    /// starts production in it. Refused when there is nothing to produce.
    /// </summary>
    public static ProductionBatch Start(RegionPolicy region, IReadOnlyList<ReissueApplication> approved, string officer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(approved);
        if (approved.Count == 0)
        {
            throw new DomainException("nothing_to_produce", "当前没有审核通过、待制证的申请。", DomainErrorKind.Conflict);
        }

        if (approved.Count > MaxSize || approved.Any(a => a.RegionId != region.Id))
        {
            throw new ArgumentException($"A batch takes at most {MaxSize} applications of its own region.", nameof(approved));
        }

        var batch = new ProductionBatch
        {
            Id = Guid.NewGuid(),
            BatchNumber = string.Create(CultureInfo.InvariantCulture, $"ZZ{region.ProvinceCode}{ChinaTime.Local(now):yyyyMMddHHmmss}{RandomNumberGenerator.GetInt32(0, 1000):D3}"),
            RegionId = region.Id,
            CreatedAt = now,
            CreatedBy = officer,
            ApplicationCount = approved.Count,
        };
        foreach (var application in approved)
        {
            application.StartProduction(batch.Id, now, Actor.Officer(officer));
        }

        return batch;
    }

    public void MarkHandedOff(DateTimeOffset now) => HandedOffAt ??= now;
}
