namespace IdReissue.Domain.Applications;

/// <summary>挂失申报: the resident declares where and when the card was lost; the old card becomes invalid.</summary>
public sealed record LossReport
{
    public required string ReceiptNumber { get; init; }

    /// <summary>Where the card was lost, in the resident's words.</summary>
    public required string Place { get; init; }

    public required DateTimeOffset LostAt { get; init; }

    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>The resident wants the printable 《挂失申报回执》.</summary>
    public bool ReceiptWanted { get; init; }

    public const int MaxPlaceLength = 200;
}
