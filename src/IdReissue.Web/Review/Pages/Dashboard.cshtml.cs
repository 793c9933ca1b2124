using IdReissue.Application.Review;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Review.Pages;

[Authorize(Policy = Policies.Officer)]
public sealed class DashboardModel(GetDayDashboardHandler dashboard, RegionCatalog regions) : PageModel
{
    public DayFigures Figures { get; private set; } = null!;

    public string RegionName(string id) => regions.NameOf(id);

    public string Scope => User.OfficerRegions() is { IsEvery: true } ? "全部地区" : string.Join("、", User.OfficerRegions().Ids.Select(RegionName));

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Figures = (await dashboard.HandleAsync(new GetDayDashboard(User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
}
