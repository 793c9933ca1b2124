using IdReissue.Application.Inspection;
using IdReissue.Domain.Regions;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Inspection.Pages;

/// <summary>Each region's effective policy, read-only, with the file it was loaded from and that file's SHA-256.</summary>
[Authorize(Policy = InspectionAccess.Policy)]
public sealed class PolicyModel(ListRegionPoliciesHandler policies) : PageModel
{
    public RegionPolicies Regions { get; private set; } = null!;

    public void OnGet() => Regions = policies.Handle(new ListRegionPolicies(User.AsOfficerScope())).ValueOrThrow();

    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " 元";

    public static string Yes(bool value, string yes, string no) => value ? yes : no;

    public static string PhotoPolicy(PhotoPolicy photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return photo.Mode switch
        {
            PhotoMode.AlwaysNew => "每次均须提交新的电子证件照",
            PhotoMode.ReuseHistoric => "沿用制证库中的历史照片（无历史照片时须提交新照片）",
            PhotoMode.ReuseHistoricIfRecent => $"历史照片拍摄不超过{photo.HistoricPhotoMaxAgeYears}年的沿用，否则须提交新照片",
            _ => photo.Mode.ToString(),
        } + $"；检测规格 {photo.Specification}";
    }

    public static string Document(RequiredDocument document) => document switch
    {
        RequiredDocument.HouseholdRegisterPage => "户口簿本人页（户口页）",
        _ => document.ToString(),
    };
}
