using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Regions;
using static IdReissue.Domain.Tests.TestPolicies;

namespace IdReissue.Domain.Tests;

public class EligibilityPolicyTests
{
    [Fact]
    public void A_recent_local_card_with_fingerprints_is_eligible()
    {
        var result = EligibilityPolicy.Evaluate(Hunan(), ReissueCase.Loss, Resident(), realNameVerified: true, Today);

        Assert.True(result.Eligible);
        Assert.Empty(result.UnmetConditions);
    }

    [Fact]
    public void A_card_exactly_at_the_age_limit_is_still_eligible_and_one_day_more_is_not()
    {
        Assert.True(EligibilityPolicy.Evaluate(Hunan(), ReissueCase.Loss, Resident(issuedOn: Today.AddYears(-5)), true, Today).Eligible);

        var tooOld = EligibilityPolicy.Evaluate(Hunan(), ReissueCase.Loss, Resident(issuedOn: Today.AddYears(-5).AddDays(-1)), true, Today);
        Assert.Equal([EligibilityCodes.CardTooOld], tooOld.UnmetConditions.Select(c => c.Code));
        Assert.True(tooOld.GoToPoliceWindow);
    }

    [Fact]
    public void Every_unmet_condition_is_reported_at_once()
    {
        var resident = Resident(householdDivision: "110105", issuedOn: Today.AddYears(-3), issuingDivision: "110105", fingerprints: false);

        var result = EligibilityPolicy.Evaluate(Tianjin(), ReissueCase.Damage, resident, realNameVerified: false, Today);

        Assert.Equal(
            [EligibilityCodes.CaseNotOffered, EligibilityCodes.HouseholdNotLocal, EligibilityCodes.RealNameRequired,
             EligibilityCodes.CardIssuedElsewhere, EligibilityCodes.NoFingerprints, EligibilityCodes.CardTooOld],
            result.UnmetConditions.Select(c => c.Code));
        Assert.All(result.UnmetConditions, c => Assert.False(string.IsNullOrWhiteSpace(c.Message)));
    }

    [Fact]
    public void A_first_issue_must_go_to_a_police_window()
    {
        var result = EligibilityPolicy.Evaluate(Hunan(), ReissueCase.Damage, Resident(firstIssue: true), true, Today);

        var condition = Assert.Single(result.UnmetConditions);
        Assert.Equal(EligibilityCodes.FirstIssue, condition.Code);
        Assert.True(condition.GoToPoliceWindow);
        Assert.Contains("窗口", condition.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_real_name_verification_is_not_a_window_case()
    {
        var result = EligibilityPolicy.Evaluate(Tianjin(), ReissueCase.Loss, Resident(householdDivision: "120101"), realNameVerified: false, Today);

        var condition = Assert.Single(result.UnmetConditions);
        Assert.Equal(EligibilityCodes.RealNameRequired, condition.Code);
        Assert.False(result.GoToPoliceWindow);
    }

    [Fact]
    public void A_region_without_province_rules_accepts_a_card_from_another_province()
    {
        var jilin = Hunan() with { Id = "jilin", ProvinceCode = "22", LastCard = new LastCardRule { MaxAgeYears = 2 } };

        Assert.True(EligibilityPolicy.Evaluate(jilin, ReissueCase.Damage, Resident(householdDivision: "220102", issuingDivision: "430102", fingerprints: false), false, Today).Eligible);
    }
}
