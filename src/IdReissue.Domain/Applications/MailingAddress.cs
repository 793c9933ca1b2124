namespace IdReissue.Domain.Applications;

/// <summary>Where EMS delivers the new card.</summary>
public sealed record MailingAddress
{
    public required string Recipient { get; init; }

    public required string Phone { get; init; }

    /// <summary>GB/T 2260 code of the district (county level).</summary>
    public required string DivisionCode { get; init; }

    /// <summary>Street, building and room.</summary>
    public required string Detail { get; init; }

    public const int MaxDetailLength = 200;
    public const int MaxRecipientLength = 30;
}
