using IdReissue.Domain.Gateways;

namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>One photo submitted under a photo number and the portrait check's verdict on it.</summary>
public sealed class PhotoSubmission
{
    public Guid Id { get; set; }

    public required string PhotoNumber { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid FileId { get; set; }

    public PortraitVerdictKind Verdict { get; set; }

    /// <summary>The reasons as JSON (code, value, limit, unit, message).</summary>
    public required string ReasonsJson { get; set; }

    /// <summary>Every number the check measured, as JSON, so an officer sees the measures and guides later.</summary>
    public string MeasuresJson { get; set; } = "{}";

    /// <summary>"applicant" or "studio".</summary>
    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Set when the submitted photo was made by the photo fixer (生成合格照片) and the citizen confirmed
    /// it: the photo they gave, kept so the officer sees both. Null for a photo submitted as it was taken.</summary>
    public Guid? OriginalFileId { get; set; }
}
