namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A batch of approved applications handed to the production centre (制证中心).</summary>
public sealed class ProductionBatch
{
    public Guid Id { get; set; }

    public required string BatchNumber { get; set; }

    public required string RegionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public int ApplicationCount { get; set; }

    /// <summary>When the production centre acknowledged the export.</summary>
    public DateTimeOffset? HandedOffAt { get; set; }
}
