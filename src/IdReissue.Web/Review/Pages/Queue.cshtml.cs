using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Review.Pages;

[Authorize(Policy = Policies.Officer)]
public sealed class QueueModel(OfficerQueues queues, RegionCatalog regions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "review";

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public ReissueCase? Case { get; set; }

    public IReadOnlyList<QueueItem> Items { get; private set; } = [];

    /// <summary>The regions the officer may filter by; the filter shows only for an officer of more than one.</summary>
    public IReadOnlyList<(string Id, string Name)> RegionChoices => User.OfficerRegionChoices(regions);

    public string RegionName(string id) => regions.NameOf(id);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!OfficerQueues.Views.ContainsKey(View))
        {
            View = "review";
        }

        Items = await queues.ListAsync(User, View, Region, Case, cancellationToken);
    }
}
