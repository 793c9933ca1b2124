using System.Globalization;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Sandbox.Records;

namespace IdReissue.Infrastructure.Sandbox.DemoData;

/// <summary>
/// Generates synthetic residents (valid citizen ID numbers and household numbers, never real people)
/// shaped to walk one branch of a region's eligibility rules each.
/// </summary>
public sealed class SyntheticResidentFactory(Random random)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNameCharacters = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "建", "红", "玉", "兰", "志"];

    /// <summary>Every profile the sandbox can generate; each names the branch it exercises.</summary>
    public static IReadOnlyList<string> Profiles { get; } =
    [
        ResidentProfiles.Eligible, ResidentProfiles.CardTooOld, ResidentProfiles.NoFingerprints, ResidentProfiles.FirstIssue,
        ResidentProfiles.CardIssuedElsewhere, ResidentProfiles.HouseholdElsewhere, ResidentProfiles.FaceMismatch, ResidentProfiles.CameraClip,
    ];

    public SandboxResident Create(RegionPolicy region, string profile, DateOnly today, Func<string, bool> citizenIdTaken, Func<string, bool> phoneTaken)
    {
        if (!Profiles.Contains(profile))
        {
            throw new ArgumentException($"Unknown profile '{profile}'.", nameof(profile));
        }

        var provinceCode = region.ProvinceCode;
        var otherProvince = provinceCode == "11" ? "31" : "11";
        var householdDivision = PickCounty(profile == ResidentProfiles.HouseholdElsewhere ? otherProvince : provinceCode);
        var birthDate = today.AddDays(-random.Next(20 * 365, 65 * 365));
        var citizenId = NewCitizenId(householdDivision, birthDate, citizenIdTaken);

        // An eligible card is recent enough for the region; a "too old" one is just past the limit.
        var maxAgeDays = region.LastCard.MaxAgeYears * 365;
        DateOnly? issuedOn = profile switch
        {
            ResidentProfiles.FirstIssue => null,
            ResidentProfiles.CardTooOld => today.AddDays(-(maxAgeDays + random.Next(30, 400))),
            _ when region.Photo.Mode == PhotoMode.ReuseHistoricIfRecent && region.Photo.HistoricPhotoMaxAgeYears is { } photoYears
                && photoYears * 365 + 60 < maxAgeDays - 60 =>
                today.AddDays(-random.Next(photoYears * 365 + 60, maxAgeDays - 60)),
            _ => today.AddDays(-random.Next(30, Math.Max(31, maxAgeDays - 30))),
        };
        // A resident registered elsewhere keeps a card issued in this region (异地办证), so that
        // profile exercises the household rule alone.
        var issuingDivision = profile switch
        {
            ResidentProfiles.CardIssuedElsewhere => PickCounty(otherProvince),
            ResidentProfiles.HouseholdElsewhere => PickCounty(provinceCode),
            _ => householdDivision,
        };

        return new SandboxResident
        {
            CitizenId = citizenId,
            Name = Surnames[random.Next(Surnames.Length)] + GivenNameCharacters[random.Next(GivenNameCharacters.Length)]
                + (random.Next(3) == 0 ? string.Empty : GivenNameCharacters[random.Next(GivenNameCharacters.Length)]),
            HouseholdNumber = random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture),
            HouseholdDivisionCode = householdDivision,
            LastCardIssuedOn = issuedOn,
            LastCardIssuingDivisionCode = issuedOn is null ? null : issuingDivision,
            FingerprintsRecorded = issuedOn is not null && profile != ResidentProfiles.NoFingerprints,
            HistoricPhotoTakenOn = issuedOn,
            RegistryPhoto = profile switch
            {
                ResidentProfiles.FaceMismatch => SandboxRegistryPhotos.OtherPersonPhoto,
                ResidentProfiles.CameraClip => SandboxLivenessClips.RegistryFrame,
                _ => SandboxRegistryPhotos.DemoPersonPhoto,
            },
            Profile = $"{region.Id}:{profile}",
            Phone = NewPhone(phoneTaken),
        };
    }

    private string PickCounty(string provinceCode)
    {
        var counties = CountiesOf(provinceCode);
        return counties[random.Next(counties.Count)];
    }

    private static readonly Dictionary<string, List<string>> CountyCache = [];

    private static List<string> CountiesOf(string provinceCode)
    {
        lock (CountyCache)
        {
            if (!CountyCache.TryGetValue(provinceCode, out var counties))
            {
                counties = [.. Enumerable.Range(0, 10000)
                    .Select(i => provinceCode + i.ToString("D4", CultureInfo.InvariantCulture))
                    .Where(code => !code.EndsWith("00", StringComparison.Ordinal)
                        && AdministrativeDivisions.Official.Find(code) is { Abolished: false })];
                CountyCache[provinceCode] = counties;
            }

            return counties;
        }
    }

    private string NewCitizenId(string divisionCode, DateOnly birthDate, Func<string, bool> taken)
    {
        while (true)
        {
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{divisionCode}{birthDate:yyyyMMdd}{random.Next(1, 1000):D3}");
            var id = first17 + CitizenIdNumber.CheckCharacterFor(first17);
            if (!taken(id))
            {
                return id;
            }
        }
    }

    private string NewPhone(Func<string, bool> taken)
    {
        while (true)
        {
            var phone = "139" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            if (!taken(phone))
            {
                return phone;
            }
        }
    }
}

public static class ResidentProfiles
{
    public const string Eligible = "eligible";
    public const string CardTooOld = "card-too-old";
    public const string NoFingerprints = "no-fingerprints";
    public const string FirstIssue = "first-issue";
    public const string CardIssuedElsewhere = "card-issued-elsewhere";
    public const string HouseholdElsewhere = "household-elsewhere";
    public const string FaceMismatch = "face-mismatch";

    /// <summary>Eligible, with the person of the sandbox's sample webcam recordings as the registry photo: the
    /// camera's 实人认证 passes with the clip the sandbox hands out (GET /sandbox/liveness-clip).</summary>
    public const string CameraClip = "camera-clip";
}
