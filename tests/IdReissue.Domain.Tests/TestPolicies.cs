using IdReissue.Domain.Payments;
using IdReissue.Domain.Regions;
using IdReissue.Domain.Registry;

namespace IdReissue.Domain.Tests;

/// <summary>Policies shaped like the seed's regions, built in code so the domain is tested without files.</summary>
internal static class TestPolicies
{
    public static readonly DateOnly Today = new(2026, 11, 25);

    public static RegionPolicy Hunan() => new()
    {
        Id = "hunan",
        Name = "湖南省",
        ProvinceCode = "43",
        AllowedCases = [ReissueCase.Loss, ReissueCase.Damage],
        LastCard = new LastCardRule { MaxAgeYears = 5, MustBeIssuedInProvince = true, FingerprintsRequired = true },
        Photo = new PhotoPolicy { Mode = PhotoMode.ReuseHistoricIfRecent, HistoricPhotoMaxAgeYears = 2 },
        CardFeeFen = new Dictionary<ReissueCase, long> { [ReissueCase.Loss] = 4000, [ReissueCase.Damage] = 4000 },
        Postage = new PostagePolicy { SameCityFen = 1500, ElsewhereFen = 2200 },
        PaymentChannels = [PaymentChannel.WeChatPay, PaymentChannel.Alipay],
    };

    public static RegionPolicy Tianjin() => Hunan() with
    {
        Id = "tianjin",
        Name = "天津市",
        ProvinceCode = "12",
        AllowedCases = [ReissueCase.Loss],
        LastCard = new LastCardRule { MaxAgeYears = 2, MustBeIssuedInProvince = true, FingerprintsRequired = true },
        LocalHouseholdRequired = true,
        RealNameAccountRequired = true,
        RequiredDocuments = [RequiredDocument.HouseholdRegisterPage],
        Photo = new PhotoPolicy { Mode = PhotoMode.ReuseHistoric },
        CardFeeFen = new Dictionary<ReissueCase, long> { [ReissueCase.Loss] = 4000 },
    };

    public static ResidentRecord Resident(string householdDivision = "430102", DateOnly? issuedOn = null, string? issuingDivision = null, bool fingerprints = true, bool firstIssue = false) => new()
    {
        CitizenId = "430102198001010016",
        Name = "王伟",
        HouseholdNumber = "123456789",
        HouseholdDivisionCode = householdDivision,
        HistoricPhotoTakenOn = issuedOn ?? Today.AddYears(-1),
        LastCard = firstIssue ? null : new IssuedCard
        {
            IssuedOn = issuedOn ?? Today.AddYears(-1),
            IssuingDivisionCode = issuingDivision ?? householdDivision,
            FingerprintsRecorded = fingerprints,
        },
    };
}
