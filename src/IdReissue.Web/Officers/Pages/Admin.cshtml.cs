using System.ComponentModel.DataAnnotations;
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

    public IReadOnlyList<(string Id, string Name)> Regions => RegionChoices(regions, User.OfficerRegion());

    public string RegionName(string id) => id == "*" ? "全部地区" : regions.NameOf(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var link = (await create.HandleAsync(new CreateOfficer(User.AsOfficerScope(), Input.Username, Input.DisplayName, Input.Roles, Input.Region), cancellationToken)).ValueOrThrow();
        SetupLink = SetupLinkView.From(link, Request);
        Input = new OfficerInput();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }, () => LoadAsync(cancellationToken));

    /// <summary>The regions an administrator may assign: every one (and "all") for an administrator of all regions, else their own.</summary>
    public static IReadOnlyList<(string Id, string Name)> RegionChoices(RegionCatalog regions, string administratorRegion)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return administratorRegion == "*"
            ? [("*", "全部地区"), .. regions.All.Select(r => (r.Id, r.Name))]
            : [(administratorRegion, regions.NameOf(administratorRegion))];
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

    [Display(Name = "辖区")]
    public string? Region { get; set; }
}
