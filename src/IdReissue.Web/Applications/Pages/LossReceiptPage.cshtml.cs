using IdReissue.Application.Applications;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Applications.Pages;

/// <summary>The printable 《挂失申报回执》, the same document the API serves.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class LossReceiptPageModel(GetApplicationHandler handler, RegionCatalog regions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        Content((await LossReceipt.HtmlAsync(id, User, handler, regions, cancellationToken)).ValueOrThrow(), "text/html; charset=utf-8");
}
