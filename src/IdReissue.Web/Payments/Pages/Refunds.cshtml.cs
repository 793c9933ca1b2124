using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Audit;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Payments.Pages;

/// <summary>待退款: money received that must go back, and the officer's record that it went back.</summary>
[Authorize(Policy = Policies.Reviewer)]
public sealed class RefundsModel(IdReissueDbContext db, RegionCatalog regions, AuditTrail audit) : FormPage
{
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<RefundView> Refunds { get; private set; } = [];

    public string RegionName(string id) => regions.NameOf(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string orderNumber, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var refunded = ResultValue.Of<RefundView>(await RefundsApi.RecordRefunded(orderNumber, User, db, audit, cancellationToken));
        return LocalRedirect($"/officer/refunds?done={Uri.EscapeDataString(refunded.OrderNumber)}");
    }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Refunds = (await RefundsApi.List(User, db, cancellationToken)).Value!;
}
