using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using IdReissue.Domain.Common;
using IdReissue.Application.Applications;
using IdReissue.Application.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Applications;

/// <summary>《挂失申报回执》: a printable page the applicant can keep as proof of the loss report.</summary>
public static class LossReceipt
{
    private static readonly Problem NotReported = Problem.NotFound("loss_report_not_found", "该申请尚未挂失，没有挂失申报回执。");

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Render(
        Guid id, ClaimsPrincipal user, GetApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var receipt = await HtmlAsync(id, user, handler, regions, cancellationToken);
        return receipt.Succeeded ? TypedResults.Content(receipt.Value, "text/html; charset=utf-8") : Errors.Problems.From(receipt.Problem!);
    }

    /// <summary>The receipt as a page, or why there is none (another's application, or no loss reported).</summary>
    public static async Task<Result<string>> HtmlAsync(Guid id, ClaimsPrincipal user, GetApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(regions);
        var found = await handler.HandleAsync(new GetApplication(id, user.ApplicantId()), cancellationToken);
        if (!found.Succeeded)
        {
            return found.Problem!;
        }

        var application = found.Value;
        if (application.LossReport is not { } report)
        {
            return NotReported;
        }

        var region = regions.Get(application.RegionId);
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>挂失申报回执</title>")
            .Append("<link rel=\"stylesheet\" href=\"/css/receipt.css\"></head><body>")
            .Append("<h1>居民身份证挂失申报回执</h1><table>");
        Row(page, html, "回执编号", report.ReceiptNumber);
        Row(page, html, "申报人", application.MaskedName);
        Row(page, html, "公民身份号码", application.MaskedCitizenId);
        Row(page, html, "遗失地点", report.Place);
        Row(page, html, "遗失时间", ChinaTime.Local(report.LostAt).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Row(page, html, "申报时间", ChinaTime.Local(report.ReportedAt).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Row(page, html, "受理单位", $"{region.Name}公安机关（网上办理）");
        Row(page, html, "关联申请", application.ApplicationNumber);
        page.Append("</table><p>您的原居民身份证已于申报时起挂失作废。如找回原证，原证也不能再使用。</p>")
            .Append("<p class=\"hint\">请使用浏览器的“打印”功能打印或保存本回执。</p></body></html>");
        return page.ToString();
    }

    private static void Row(StringBuilder page, HtmlEncoder html, string label, string value) =>
        page.Append("<tr><th>").Append(label).Append("</th><td>").Append(html.Encode(value)).Append("</td></tr>");
}
