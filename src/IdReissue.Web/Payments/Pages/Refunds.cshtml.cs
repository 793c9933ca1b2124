using IdReissue.Application.Payments;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Payments.Pages;

/// <summary>待退款: money received that must go back, and the officer's record that it went back.</summary>
[Authorize(Policy = Policies.Finance)]
public sealed class RefundsModel(RegionCatalog regions, ListRefundsDueHandler list, RecordRefundHandler record) : FormPage
{
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<RefundView> Refunds { get; private set; } = [];

    public string RegionName(string id) => regions.NameOf(id);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string orderNumber, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var refunded = (await record.HandleAsync(new RecordRefund(orderNumber, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
        return LocalRedirect($"/officer/refunds?done={Uri.EscapeDataString(refunded.Order.OrderNumber)}");
    }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Refunds = (await list.HandleAsync(new ListRefundsDue(User.AsOfficerScope()), cancellationToken)).Select(RefundView.From).ToList();
}
