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
public sealed class LossReportModel(IApplicationStore applications, RegionCatalog regions, ReportLossHandler reportLoss, TimeProvider time)
    : ApplicantPage(applications, regions)
{
    [BindProperty]
    public LossInput Input { get; set; } = new() { ReceiptWanted = true };

    /// <summary>This year in China and the five before it, newest first.</summary>
    public IEnumerable<int> Years => Enumerable.Range(0, 6).Select(back => ChinaTime.Local(time.GetUtcNow()).Year - back);

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
            var lostAt = Input.LostAtInChina();
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
}

public sealed class LossInput
{
    [Display(Name = "遗失地点")]
    public string? Place { get; set; }

    /// <summary>Not sent by the form: the key the loss time's errors are shown under, next to its four choices.</summary>
    [Display(Name = "遗失时间（大致即可）")]
    public string? LostAt { get; set; }

    public int? LostYear { get; set; }

    public int? LostMonth { get; set; }

    public int? LostDay { get; set; }

    /// <summary>The hour, when the applicant remembers it; otherwise the day's start.</summary>
    public int? LostHour { get; set; }

    /// <summary>The chosen day and hour as the applicant's wall-clock time in China; null when nothing was chosen.</summary>
    public DateTimeOffset? LostAtInChina()
    {
        if (LostYear is null && LostMonth is null && LostDay is null)
        {
            return null;
        }

        if (LostYear is not { } year || LostMonth is not { } month || LostDay is not { } day)
        {
            throw new DomainException("loss_time_invalid", "请选择遗失时间的年、月、日。");
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || LostHour is < 0 or > 23)
        {
            throw new DomainException("loss_time_invalid", "请从列表中选择遗失时间。");
        }

        if (day > DateTime.DaysInMonth(year, month))
        {
            throw new DomainException("loss_time_invalid", $"{year}年{month}月没有{day}日，请重新选择日期。");
        }

        return new DateTimeOffset(year, month, day, LostHour ?? 0, 0, 0, ChinaTime.Offset);
    }

    [Display(Name = "需要挂失申报回执")]
    public bool ReceiptWanted { get; set; }
}
