using IdReissue.Application.Abuse;
using IdReissue.Application.Ports;
using IdReissue.Portrait;
using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;
using IdReissue.Web.Abuse;
using IdReissue.Web.Applications;
using IdReissue.Web.Capacity;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Photos;

/// <summary>一键生成合格证件照 (../shared/specs/photo-fix-contract.md): an ordinary photo in, the specification's
/// photo out with its check, or the reasons only a new photo will do. Free and anonymous like the check, and
/// counted against the same per-client limit: a fix is a check and more. Each node also charges a fix and a sheet
/// what their processor time costs, in checks, from the client's budget (Capacity).</summary>
public static class PortraitFixesApi
{
    private static readonly string[] SheetFormats = ["application/pdf"];

    public static RouteGroupBuilder MapPortraitFixesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/portrait").WithTags("Portrait").AllowAnonymous();
        group.MapPost("/fixes", Fix).DisableAntiforgery().AdmittedAs(WorkKind.Fix)
            .WithName("FixPortrait")
            .WithSummary("生成合格证件照：抠图换白底、摆正、按规格裁剪缩放并检测；需重拍的照片说明原因")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/sheets", Sheet).DisableAntiforgery().AdmittedAs(WorkKind.Sheet)
            .WithName("PrintSheet")
            .WithSummary("证件照冲印版：6英寸（152×102毫米，300dpi）8张带裁切线，PNG或PDF")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png", SheetFormats)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>A studio's print of a (fixed or checked) photo: `format` png (default) or pdf.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Sheet(
        IFormFile? photo, [Microsoft.AspNetCore.Mvc.FromForm] string? format, IAbuseLimiter limiter, AbuseLimitOptions limits,
        HttpContext http, CancellationToken cancellationToken)
    {
        await AnonymousPortraitRequest.CountAsync(limiter, limits, http, cancellationToken);
        var pdf = string.Equals(format?.Trim(), "pdf", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !pdf && !string.Equals(format.Trim(), "png", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Validation("unknown_format", "冲印版格式只能是png或pdf。", "format");
        }

        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        // Only a photo of the card's size is laid out: anything else would be stretched on the sheet.
        if (PhotoDecoder.Decode(bytes).Photo is not { Width: 358, Height: 441 })
        {
            return Problems.Validation("not_an_id_photo", "请上传358×441像素的证件照（可先用“生成合格照片”生成）。", "photo");
        }

        return pdf
            ? TypedResults.File(PrintSheet.Pdf(bytes), "application/pdf", "证件照冲印版.pdf")
            : TypedResults.File(PrintSheet.Png(bytes), "image/png", "证件照冲印版.png");
    }

    public static async Task<Results<Ok<PortraitFixView>, ProblemHttpResult>> Fix(
        IFormFile? photo, [Microsoft.AspNetCore.Mvc.FromForm] string? spec, PhotoFixer fixer, IAbuseLimiter limiter,
        AbuseLimitOptions limits, HttpContext http, CancellationToken cancellationToken)
    {
        await AnonymousPortraitRequest.CountAsync(limiter, limits, http, cancellationToken);
        if (AnonymousPortraitRequest.Specification(fixer.Specifications, spec, out var specification) is { } unknown)
        {
            return unknown;
        }

        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        var fix = await fixer.FixAsync(bytes, specification, cancellationToken);
        return TypedResults.Ok(PortraitFixView.Of(photo!.FileName, fix));
    }
}

/// <summary>As `portrait.sh fix --json`, with the fixed photo itself (JPEG, base64) when there is one.</summary>
public sealed record PortraitFixView(
    string File, string Spec, string Verdict, double ElapsedMs, IReadOnlyList<string> Changes, IReadOnlyList<Reason> Reasons, string? PhotoJpegBase64, PortraitCheckView? Check)
{
    public static PortraitFixView Of(string file, PhotoFix fix) => new(
        file, fix.Spec, fix.Verdict, fix.ElapsedMs, fix.Changes, fix.Reasons,
        fix.Photo is { } jpeg ? Convert.ToBase64String(jpeg) : null,
        fix.Photo is not null && fix.Check is { } c ? new PortraitCheckView("fixed.jpg", c.Spec, c.Verdict, c.ElapsedMs, c.Reasons, c.Measures) : null);
}
