using IdReissue.Web.Auth;
using IdReissue.Application.Applications;
using IdReissue.Application.Ports;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>挂失: where and roughly when the card was lost; the printable receipt follows.</summary>
public sealed class LossReportModel(IApplicationStore applications, RegionCatalog regions, ReportLossHandler reportLoss) : ApplicantPage(applications, regions)
{
    [BindProperty]
    public LossInput Input { get; set; } = new() { ReceiptWanted = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("loss-report", cancellationToken);
        Step("loss-report", "/apply");
        return redirect ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Step("loss-report", "/apply");
        return await AttemptAsync(async () =>
        {
            var lostAt = ParseLocal(Input.LostAt);
            (await reportLoss.HandleAsync(new ReportLoss(Id, User.ApplicantId(), Input.Place, lostAt, Input.ReceiptWanted), cancellationToken)).ValueOrThrow();
            return LocalRedirect($"/apply/{Id}/loss-report/done");
        }, () => ReloadAsync(cancellationToken));
    }

    protected override string? FieldFor(string code) => code switch
    {
        "loss_place_invalid" => "place",
        "loss_time_required" or "loss_time_invalid" or "loss_time_in_future" => "lostAt",
        _ => null,
    };

    /// <summary>A datetime-local value is the applicant's wall-clock time in China.</summary>
    private static DateTimeOffset? ParseLocal(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ChinaTime.Offset)
            : throw new DomainException("loss_time_invalid", "请按“年-月-日 时:分”填写遗失时间。");
    }
}

public sealed class LossInput
{
    [Display(Name = "遗失地点")]
    public string? Place { get; set; }

    [Display(Name = "遗失时间（大致即可）")]
    public string? LostAt { get; set; }

    [Display(Name = "需要挂失申报回执")]
    public bool ReceiptWanted { get; set; }
}
