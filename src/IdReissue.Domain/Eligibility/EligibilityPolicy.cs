using IdReissue.Domain.Regions;
using IdReissue.Domain.Registry;

namespace IdReissue.Domain.Eligibility;

/// <summary>
/// Decides whether a resident may re-apply online in a region. Every unmet condition is returned,
/// not only the first, so the applicant learns everything at once.
/// </summary>
public static class EligibilityPolicy
{
    public static EligibilityResult Evaluate(RegionPolicy policy, ReissueCase reissueCase, ResidentRecord resident, bool realNameVerified, DateOnly today)
    {
        var unmet = new List<UnmetCondition>();

        if (!policy.AllowedCases.Contains(reissueCase))
        {
            var offered = string.Join("、", policy.AllowedCases.Select(c => c.Chinese()));
            unmet.Add(new UnmetCondition(
                EligibilityCodes.CaseNotOffered,
                $"{policy.Name}网上只办理{offered}，{reissueCase.Chinese()}请就近到公安机关窗口办理。",
                GoToPoliceWindow: true));
        }

        if (policy.LocalHouseholdRequired && resident.HouseholdProvinceCode != policy.ProvinceCode)
        {
            unmet.Add(new UnmetCondition(
                EligibilityCodes.HouseholdNotLocal,
                $"网上补换领仅限{policy.Name}户籍居民办理，请到户籍所在地公安机关办理。",
                GoToPoliceWindow: true));
        }

        if (policy.RealNameAccountRequired && !realNameVerified)
        {
            unmet.Add(new UnmetCondition(
                EligibilityCodes.RealNameRequired,
                "请先在“个人中心”完成实名认证，再申请网上补换领。",
                GoToPoliceWindow: false));
        }

        if (resident.LastCard is not { } card)
        {
            unmet.Add(new UnmetCondition(
                EligibilityCodes.FirstIssue,
                "系统中没有您办理过居民身份证的记录，首次申领须本人到公安机关窗口办理。",
                GoToPoliceWindow: true));
        }
        else
        {
            if (policy.LastCard.MustBeIssuedInProvince && card.IssuingProvinceCode != policy.ProvinceCode)
            {
                unmet.Add(new UnmetCondition(
                    EligibilityCodes.CardIssuedElsewhere,
                    $"您上次的居民身份证不是在{policy.Name}办理的，请就近到公安机关窗口办理。",
                    GoToPoliceWindow: true));
            }

            if (policy.LastCard.FingerprintsRequired && !card.FingerprintsRecorded)
            {
                unmet.Add(new UnmetCondition(
                    EligibilityCodes.NoFingerprints,
                    "您上次办理居民身份证时未登记指纹信息，请到公安机关窗口办理并登记指纹。",
                    GoToPoliceWindow: true));
            }

            if (card.IssuedOn.AddYears(policy.LastCard.MaxAgeYears) < today)
            {
                unmet.Add(new UnmetCondition(
                    EligibilityCodes.CardTooOld,
                    $"您上次办理居民身份证是在{card.IssuedOn:yyyy年M月d日}，已超过{policy.LastCard.MaxAgeYears}年，请就近到公安机关窗口办理。",
                    GoToPoliceWindow: true));
            }
        }

        return new EligibilityResult(unmet);
    }

    /// <summary>The condition face verification adds when the live face differs a lot from the registry photo.</summary>
    public static UnmetCondition AppearanceChanged { get; } = new(
        EligibilityCodes.AppearanceChanged,
        "您的相貌与登记照片相比变化较大，无法在网上办理，请本人到公安机关窗口办理。",
        GoToPoliceWindow: true);
}

public sealed record EligibilityResult(IReadOnlyList<UnmetCondition> UnmetConditions)
{
    public bool Eligible => UnmetConditions.Count == 0;

    public bool GoToPoliceWindow => UnmetConditions.Any(c => c.GoToPoliceWindow);
}

/// <summary>One condition the applicant does not meet, with a sentence telling them what to do.</summary>
public sealed record UnmetCondition(string Code, string Message, bool GoToPoliceWindow);

public static class EligibilityCodes
{
    public const string CaseNotOffered = "case_not_offered";
    public const string HouseholdNotLocal = "household_not_local";
    public const string RealNameRequired = "real_name_required";
    public const string FirstIssue = "first_issue";
    public const string CardIssuedElsewhere = "card_issued_elsewhere";
    public const string NoFingerprints = "no_fingerprints";
    public const string CardTooOld = "card_too_old";
    public const string AppearanceChanged = "appearance_changed";
}
