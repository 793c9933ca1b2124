using IdReissue.Domain.Common;
using IdReissue.Domain.Payments;

namespace IdReissue.Domain.Regions;

/// <summary>
/// One region's rules for online re-issue. Loaded from configuration (one file per region) so that
/// a change of policy is an edit, not a release; <see cref="Validate"/> runs at start-up.
/// </summary>
public sealed record RegionPolicy
{
    /// <summary>Stable identifier used in URLs and data, e.g. "hunan".</summary>
    public required string Id { get; init; }

    /// <summary>Chinese name shown to people, e.g. "湖南省".</summary>
    public required string Name { get; init; }

    /// <summary>The GB/T 2260 province code, two digits (e.g. "43").</summary>
    public required string ProvinceCode { get; init; }

    public required IReadOnlyList<ReissueCase> AllowedCases { get; init; }

    public required LastCardRule LastCard { get; init; }

    /// <summary>Only residents whose household registration is in this province may apply online.</summary>
    public bool LocalHouseholdRequired { get; init; }

    /// <summary>The account must have passed real-name verification before applying.</summary>
    public bool RealNameAccountRequired { get; init; }

    /// <summary>A lost card must be reported lost (挂失) before the re-issue continues.</summary>
    public bool LossReportRequired { get; init; } = true;

    public IReadOnlyList<RequiredDocument> RequiredDocuments { get; init; } = [];

    public required PhotoPolicy Photo { get; init; }

    /// <summary>Card fee (工本费) per case, in fen.</summary>
    public required IReadOnlyDictionary<ReissueCase, long> CardFeeFen { get; init; }

    public required PostagePolicy Postage { get; init; }

    public required IReadOnlyList<PaymentChannel> PaymentChannels { get; init; }

    /// <summary>Working days from a complete application to delivery (10 in every seed region).</summary>
    public int ServiceLevelWorkingDays { get; init; } = 10;

    /// <summary>Where each value came from; shown to administrators, not used by rules.</summary>
    public string? Source { get; init; }

    public Money CardFee(ReissueCase reissueCase) =>
        CardFeeFen.TryGetValue(reissueCase, out var fen) ? new Money(fen) : throw new DomainException("case_not_offered", $"{Name}不办理{reissueCase.Chinese()}。");

    /// <summary>Every problem with this policy, in English for operators reading the start-up log.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Id) || Id.Any(c => !char.IsAsciiLetterLower(c) && c != '-'))
        {
            errors.Add("id must be lower-case ASCII letters or '-'");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name is required");
        }

        if (ProvinceCode is not { Length: 2 } || !ProvinceCode.All(char.IsAsciiDigit)
            || Identity.AdministrativeDivisions.Official.Find(ProvinceCode + "0000") is null)
        {
            errors.Add($"provinceCode '{ProvinceCode}' is not a GB/T 2260 province");
        }

        if (AllowedCases.Count == 0)
        {
            errors.Add("allowedCases must name at least one case");
        }

        foreach (var allowed in AllowedCases)
        {
            if (!CardFeeFen.TryGetValue(allowed, out var fee) || fee < 0)
            {
                errors.Add($"cardFeeFen must give a non-negative fee for {allowed}");
            }
        }

        if (LastCard.MaxAgeYears is < 1 or > 100)
        {
            errors.Add("lastCard.maxAgeYears must be between 1 and 100");
        }

        if (Photo.Mode == PhotoMode.ReuseHistoricIfRecent && Photo.HistoricPhotoMaxAgeYears is null or < 1)
        {
            errors.Add("photo.historicPhotoMaxAgeYears is required (>= 1) when photo.mode is ReuseHistoricIfRecent");
        }

        if (Postage.SameCityFen < 0 || Postage.ElsewhereFen < 0)
        {
            errors.Add("postage amounts must be non-negative");
        }

        if (PaymentChannels.Count == 0)
        {
            errors.Add("paymentChannels must name at least one channel");
        }

        if (ServiceLevelWorkingDays is < 1 or > 60)
        {
            errors.Add("serviceLevelWorkingDays must be between 1 and 60");
        }

        return errors;
    }
}

/// <summary>Conditions on the applicant's most recent card.</summary>
public sealed record LastCardRule
{
    /// <summary>The last card must have been issued within this many years (Hunan 5; Jilin, Tianjin 2).</summary>
    public required int MaxAgeYears { get; init; }

    /// <summary>The last card must have been issued in this province.</summary>
    public bool MustBeIssuedInProvince { get; init; }

    /// <summary>The last card must have fingerprints on record.</summary>
    public bool FingerprintsRequired { get; init; }
}

public enum RequiredDocument
{
    /// <summary>户口页: the applicant's own page of the household register.</summary>
    HouseholdRegisterPage,
}

public enum PhotoMode
{
    /// <summary>Always ask for a new electronic photo.</summary>
    AlwaysNew,

    /// <summary>Always reuse the historic production photo.</summary>
    ReuseHistoric,

    /// <summary>Reuse the historic photo when it is recent enough, otherwise ask for a new one.</summary>
    ReuseHistoricIfRecent,
}

public sealed record PhotoPolicy
{
    public required PhotoMode Mode { get; init; }

    public int? HistoricPhotoMaxAgeYears { get; init; }

    /// <summary>The portrait specification a new photo is checked against.</summary>
    public string Specification { get; init; } = "cn-id-card";

    public bool NeedsNewPhoto(DateOnly? historicPhotoTakenOn, DateOnly today) => Mode switch
    {
        PhotoMode.AlwaysNew => true,
        PhotoMode.ReuseHistoric => historicPhotoTakenOn is null,
        PhotoMode.ReuseHistoricIfRecent => historicPhotoTakenOn is null
            || historicPhotoTakenOn.Value.AddYears(HistoricPhotoMaxAgeYears ?? 0) < today,
        _ => true,
    };
}

/// <summary>EMS postage; in the seed it is paid to the courier on delivery (邮资到付).</summary>
public sealed record PostagePolicy
{
    public bool PayOnDelivery { get; init; } = true;

    public required long SameCityFen { get; init; }

    public required long ElsewhereFen { get; init; }

    public PostageQuote Quote(string householdDivisionCode, string deliveryDivisionCode)
    {
        var sameCity = Identity.AdministrativeDivisions.CityPrefix(householdDivisionCode) == Identity.AdministrativeDivisions.CityPrefix(deliveryDivisionCode);
        return new PostageQuote(sameCity, new Money(sameCity ? SameCityFen : ElsewhereFen), PayOnDelivery);
    }
}

/// <summary>The postage for one delivery address.</summary>
public sealed record PostageQuote(bool SameCity, Money Amount, bool PayOnDelivery)
{
    public string Description =>
        $"{(SameCity ? "同城" : "外埠")}邮寄费{Amount}{(PayOnDelivery ? "，由快递员在送达时收取（邮资到付）" : "，与工本费一并支付")}";
}
