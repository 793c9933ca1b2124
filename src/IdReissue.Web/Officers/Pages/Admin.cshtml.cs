using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Officers.Pages;

/// <summary>账号管理: the officers an administrator manages, and a new one (its one-time set-up link shown once).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AdminModel(ListOfficersHandler list, CreateOfficerHandler create, RegionCatalog regions) : FormPage
{
    [BindProperty]
    public OfficerInput Input { get; set; } = new();

    public IReadOnlyList<OfficerAccountView> Officers { get; private set; } = [];

    public SetupLinkView? SetupLink { get; private set; }

    public IReadOnlyList<(string Id, string Name)> Regions => RegionChoices(regions, User.OfficerRegions());

    public string RegionNames(IReadOnlyList<string> ids) => RegionNames(regions, ids);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var link = (await create.HandleAsync(new CreateOfficer(User.AsOfficerScope(), Input.Username, Input.DisplayName, Input.Roles, Input.Regions), cancellationToken)).ValueOrThrow();
        SetupLink = SetupLinkView.From(link, Request);
        Input = new OfficerInput();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }, () => LoadAsync(cancellationToken));

    /// <summary>The regions an administrator may assign: every one (and "all") for an administrator of all regions, else
    /// their own (granting one they do not hold would widen their own reach).</summary>
    public static IReadOnlyList<(string Id, string Name)> RegionChoices(RegionCatalog regions, OfficerRegions administratorRegions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(administratorRegions);
        return administratorRegions.IsEvery
            ? [(OfficerRegions.EveryMark, EveryRegionName), .. regions.All.Select(r => (r.Id, r.Name))]
            : [.. administratorRegions.Ids.Select(id => (id, regions.NameOf(id)))];
    }

    public const string EveryRegionName = "全部地区";

    /// <summary>"湖南省、吉林省", or "全部地区".</summary>
    public static string RegionNames(RegionCatalog regions, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Contains(OfficerRegions.EveryMark) ? EveryRegionName : ids.Count == 0 ? "—" : string.Join("、", ids.Select(regions.NameOf));
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Officers = (await list.HandleAsync(new ListOfficers(User.AsOfficerScope()), cancellationToken)).ValueOrThrow().Select(OfficerAccountView.From).ToList();
}

public sealed class OfficerInput
{
    [Display(Name = "用户名")]
    public string? Username { get; set; }

    [Display(Name = "姓名")]
    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<string> Regions { get; set; } = [];
}
