using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Applications.Pages;

/// <summary>The printable 《挂失申报回执》, the same document the API serves.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class LossReceiptPageModel(IdReissueDbContext db, RegionCatalog regions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await LossReceipt.Render(id, User, db, regions, cancellationToken);
        return result.Result is ContentHttpResult { ResponseContent: { } html }
            ? Content(html, "text/html; charset=utf-8")
            : throw FieldProblemException.From(((ProblemHttpResult)result.Result).ProblemDetails);
    }
}
