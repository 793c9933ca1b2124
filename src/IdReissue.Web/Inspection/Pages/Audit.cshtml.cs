using System.Text;
using IdReissue.Application.Common;
using IdReissue.Application.Inspection;
using IdReissue.Application.Ports;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Inspection.Pages;

/// <summary>
/// The audit viewer for inspection (督察): search by officer, application number, action and dates, a page at a
/// time; verify the chain and its anchors (the check `security verify-audit` runs); export the result as CSV with
/// personal data masked. Each search, check and export is itself an audit entry.
/// </summary>
[Authorize(Policy = InspectionAccess.Policy)]
public sealed class AuditModel(SearchAuditLogHandler search, ExportAuditLogHandler export, VerifyAuditChainHandler verify) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "officer")]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true, Name = "application")]
    public string? ApplicationNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "operation")]
    public string? ActionCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditSearchResult? Result { get; private set; }

    public AuditVerification? Verification { get; private set; }

    public AuditFilter Filter => new(Officer, ApplicationNumber, ActionCode, From, To);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await SearchAsync(cancellationToken);
        return Page();
    }

    /// <summary>A post, not a link: the check is recorded, and a prefetch must not record it.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = (await verify.HandleAsync(new VerifyAuditChain(User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
        await SearchAsync(cancellationToken);
        return Page();
    }

    /// <summary>The current search as CSV (UTF-8 with a byte-order mark, so that Excel opens the Chinese columns as Chinese).</summary>
    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await SearchAsync(cancellationToken);
            return Page();
        }

        var exported = await export.HandleAsync(new ExportAuditLog(User.AsOfficerScope(), Filter), cancellationToken);
        if (exported.Problem is { } problem)
        {
            Show(problem);
            return Page();
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(exported.Value.Csv)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", exported.Value.FileName);
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        Add("officer", Result?.Filter.Officer);
        Add("application", Result?.Filter.ApplicationNumber);
        Add("operation", Result?.Filter.Action);
        Add("from", Result?.Filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", Result?.Filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/officer/audit?" + string.Join("&", query);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A date that does not parse: said next to its field, and the search waits for a correct one.
            foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
            {
                ModelState[key]!.Errors.Clear();
                ModelState.AddModelError(key, "请按“年-月-日”填写日期。");
            }

            return;
        }

        var searched = await search.HandleAsync(new SearchAuditLog(User.AsOfficerScope(), Filter, PageNumber), cancellationToken);
        if (searched.Problem is { } problem)
        {
            Show(problem);
            return;
        }

        Result = searched.Value;
    }

    private void Show(Problem problem) => ModelState.AddModelError(problem.Field switch
    {
        "applicationNumber" => "application",
        { } field => field,
        null => string.Empty,
    }, problem.Message);
}
