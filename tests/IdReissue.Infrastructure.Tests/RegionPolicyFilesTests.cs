using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Sandbox.DemoData;

namespace IdReissue.Infrastructure.Tests;

public class RegionPolicyFilesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RegionCatalog Regions = RegionCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "Data", "regions"));

    [Fact]
    public void The_shipped_region_files_load_and_carry_the_seeds_rules()
    {
        var hunan = Regions.Get("hunan");
        var jilin = Regions.Get("jilin");
        var tianjin = Regions.Get("tianjin");

        Assert.Equal(5, hunan.LastCard.MaxAgeYears);
        Assert.Equal(2, jilin.LastCard.MaxAgeYears);
        Assert.Equal(2, tianjin.LastCard.MaxAgeYears);
        Assert.Equal([ReissueCase.Loss], tianjin.AllowedCases);
        Assert.Equal([RequiredDocument.HouseholdRegisterPage], tianjin.RequiredDocuments);
        Assert.True(tianjin.LocalHouseholdRequired && tianjin.RealNameAccountRequired);
        Assert.Equal(1500, tianjin.Postage.SameCityFen);
        Assert.Equal(2200, tianjin.Postage.ElsewhereFen);
        Assert.All(Regions.All, r => Assert.Equal(10, r.ServiceLevelWorkingDays));
        Assert.All(Regions.All, r => Assert.All(r.AllowedCases, c => Assert.Equal(4000, r.CardFee(c).Fen)));
    }

    // The eligibility matrix: every profile of synthetic resident in every region, and what it must be told.
    public static TheoryData<string, string, string[]> Matrix() => new()
    {
        { "hunan", ResidentProfiles.Eligible, [] },
        { "hunan", ResidentProfiles.CardTooOld, [EligibilityCodes.CardTooOld] },
        { "hunan", ResidentProfiles.NoFingerprints, [EligibilityCodes.NoFingerprints] },
        { "hunan", ResidentProfiles.FirstIssue, [EligibilityCodes.FirstIssue] },
        { "hunan", ResidentProfiles.CardIssuedElsewhere, [EligibilityCodes.CardIssuedElsewhere] },
        { "hunan", ResidentProfiles.HouseholdElsewhere, [] },
        { "jilin", ResidentProfiles.Eligible, [] },
        { "jilin", ResidentProfiles.CardTooOld, [EligibilityCodes.CardTooOld] },
        { "jilin", ResidentProfiles.NoFingerprints, [] },
        { "jilin", ResidentProfiles.FirstIssue, [EligibilityCodes.FirstIssue] },
        { "jilin", ResidentProfiles.CardIssuedElsewhere, [] },
        { "jilin", ResidentProfiles.HouseholdElsewhere, [] },
        { "tianjin", ResidentProfiles.Eligible, [] },
        { "tianjin", ResidentProfiles.CardTooOld, [EligibilityCodes.CardTooOld] },
        { "tianjin", ResidentProfiles.NoFingerprints, [EligibilityCodes.NoFingerprints] },
        { "tianjin", ResidentProfiles.FirstIssue, [EligibilityCodes.FirstIssue] },
        { "tianjin", ResidentProfiles.CardIssuedElsewhere, [EligibilityCodes.CardIssuedElsewhere] },
        { "tianjin", ResidentProfiles.HouseholdElsewhere, [EligibilityCodes.HouseholdNotLocal] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_synthetic_profile_meets_exactly_the_expected_conditions(string regionId, string profile, string[] expectedCodes)
    {
        var region = Regions.Get(regionId);
        var factory = new SyntheticResidentFactory(new Random(42));
        for (var i = 0; i < 25; i++)
        {
            var resident = SandboxHouseholdRegistry.ToRecord(factory.Create(region, profile, Today, _ => false, _ => false));

            Assert.True(CitizenIdNumber.Parse(resident.CitizenId, Today).IsValid, resident.CitizenId);
            foreach (var reissueCase in region.AllowedCases)
            {
                var result = EligibilityPolicy.Evaluate(region, reissueCase, resident, realNameVerified: true, Today);
                Assert.Equal(expectedCodes, result.UnmetConditions.Select(c => c.Code));
                Assert.Equal(expectedCodes.Length > 0, result.GoToPoliceWindow);
            }
        }
    }

    [Fact]
    public void Tianjin_offers_no_damage_replacement_online_and_needs_a_real_name_account()
    {
        var tianjin = Regions.Get("tianjin");
        var resident = SandboxHouseholdRegistry.ToRecord(new SyntheticResidentFactory(new Random(7)).Create(tianjin, ResidentProfiles.Eligible, Today, _ => false, _ => false));

        Assert.Equal([EligibilityCodes.CaseNotOffered], EligibilityPolicy.Evaluate(tianjin, ReissueCase.Damage, resident, true, Today).UnmetConditions.Select(c => c.Code));
        Assert.Equal([EligibilityCodes.RealNameRequired], EligibilityPolicy.Evaluate(tianjin, ReissueCase.Loss, resident, false, Today).UnmetConditions.Select(c => c.Code));
    }

    [Fact]
    public void Hunans_eligible_residents_need_a_new_photo_and_the_others_reuse_the_historic_one()
    {
        foreach (var region in Regions.All)
        {
            var resident = new SyntheticResidentFactory(new Random(3)).Create(region, ResidentProfiles.Eligible, Today, _ => false, _ => false);
            Assert.Equal(region.Id == "hunan", region.Photo.NeedsNewPhoto(resident.HistoricPhotoTakenOn, Today));
        }
    }

    [Fact]
    public void An_invalid_policy_file_stops_start_up_and_names_the_problem()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "regions", "tianjin.json"))
                .Replace("\"provinceCode\": \"12\"", "\"provinceCode\": \"99\"", StringComparison.Ordinal)
                .Replace("\"cardFeeFen\": { \"Loss\": 4000 }", "\"cardFeeFen\": { }", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory.FullName, "tianjin.json"), text);

            var error = Assert.Throws<InvalidOperationException>(() => RegionCatalog.LoadDirectory(directory.FullName));

            Assert.Contains("provinceCode '99'", error.Message, StringComparison.Ordinal);
            Assert.Contains("cardFeeFen", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_field_in_a_policy_file_is_refused_rather_than_ignored()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "regions", "jilin.json"))
                .Replace("\"localHouseholdRequired\"", "\"localHouseHoldRequierd\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory.FullName, "jilin.json"), text);

            Assert.Throws<InvalidOperationException>(() => RegionCatalog.LoadDirectory(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
