namespace IdReissue.Domain.Registry;

/// <summary>What the household registry (人口信息库) holds about a resident, as far as re-issue needs it.</summary>
public sealed record ResidentRecord
{
    public required string CitizenId { get; init; }

    public required string Name { get; init; }

    /// <summary>户号: the number of the household the resident is registered in.</summary>
    public required string HouseholdNumber { get; init; }

    /// <summary>GB/T 2260 code of the household registration's district.</summary>
    public required string HouseholdDivisionCode { get; init; }

    /// <summary>The most recent card, or null when no card was ever issued (a first issue).</summary>
    public IssuedCard? LastCard { get; init; }

    /// <summary>The phone number the registry holds for the resident (登记的联系电话), if any: where the holder hears of an application in their name.</summary>
    public string? Phone { get; init; }

    /// <summary>When the photo used to produce the last card was taken, if the registry keeps it.</summary>
    public DateOnly? HistoricPhotoTakenOn { get; init; }

    public string HouseholdProvinceCode => HouseholdDivisionCode[..2];
}

/// <summary>A card issued in the past.</summary>
public sealed record IssuedCard
{
    public required DateOnly IssuedOn { get; init; }

    /// <summary>GB/T 2260 code of the issuing authority's district.</summary>
    public required string IssuingDivisionCode { get; init; }

    public required bool FingerprintsRecorded { get; init; }

    /// <summary>Reported lost: the card is invalid and can no longer be used.</summary>
    public bool ReportedLost { get; init; }

    public string IssuingProvinceCode => IssuingDivisionCode[..2];
}
