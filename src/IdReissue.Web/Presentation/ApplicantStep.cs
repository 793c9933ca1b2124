using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;

namespace IdReissue.Web.Presentation;

/// <summary>Where the applicant is in the steps of their own application, as the portal's step indicator shows it.</summary>
public sealed record ApplicantStep(int Number, int Total, string Name, string? BackUrl)
{
    /// <summary>The steps every application has, before its region decides the rest.</summary>
    private static readonly (string Key, string Name)[] Opening = [("real-name", "实名认证"), ("apply", "选择业务"), ("eligibility", "办理条件"), ("face", "实人认证")];

    /// <summary>A step before there is an application: counted against the longest journey a region can ask for.</summary>
    public static ApplicantStep Before(string key, string? back)
    {
        var index = Array.FindIndex(Opening, s => s.Key == key);
        return new ApplicantStep(index + 1, LongestJourney, Opening[index].Name, back);
    }

    /// <summary>The step <paramref name="key"/> among those this application's case and region have (a loss report only
    /// where the region asks one for a loss, the household register page only where its documents list it).</summary>
    public static ApplicantStep Of(string key, ReissueApplication application, RegionPolicy region, string? back)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(region);
        var steps = new List<(string Key, string Name)>(Opening);
        if (application.NeedsLossReport(region))
        {
            steps.Add(("loss-report", "挂失申报"));
        }

        steps.Add(("address", "邮寄地址"));
        if (region.RequiredDocuments.Contains(RequiredDocument.HouseholdRegisterPage))
        {
            steps.Add(("household-page", "上传户口页"));
        }

        steps.AddRange([("payment", "缴纳工本费"), ("photo", "提交照片"), ("progress", "办理进度")]);
        var index = steps.FindIndex(s => s.Key == key);
        if (index < 0)
        {
            throw new ArgumentException($"The step '{key}' is not one of this application's.", nameof(key));
        }

        return new ApplicantStep(index + 1, steps.Count, steps[index].Name, back);
    }

    private static int LongestJourney => Opening.Length + 6;
}
