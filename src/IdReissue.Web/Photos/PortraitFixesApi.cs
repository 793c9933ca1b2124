using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Portrait;
using IdReissue.Portrait.Fixing;
using IdReissue.Web.Abuse;
using IdReissue.Web.Applications;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Photos;

/// <summary>一键生成合格证件照 (../shared/specs/photo-fix-contract.md): an ordinary photo in, the specification's
/// photo out with its check, or the reasons only a new photo will do. Free and anonymous like the check, and
/// counted against the same per-client limit: a fix is a check and more.</summary>
public static class PortraitFixesApi
{
    public static RouteGroupBuilder MapPortraitFixesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/portrait").WithTags("Portrait").AllowAnonymous();
        group.MapPost("/fixes", Fix).DisableAntiforgery()
            .WithName("FixPortrait")
            .WithSummary("生成合格证件照：抠图换白底、摆正、按规格裁剪缩放并检测；需重拍的照片说明原因")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static async Task<Results<Ok<PortraitFixView>, ProblemHttpResult>> Fix(
        IFormFile? photo, [Microsoft.AspNetCore.Mvc.FromForm] string? spec, PhotoFixer fixer, AbuseLimiter limiter,
        IOptions<AbuseLimitOptions> limits, IdReissueDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        await limiter.LimitAsync($"portrait-client:{AbuseGuard.ClientKey(http, db)}", limits.Value.PortraitChecksPerClientPerMinute, TimeSpan.FromMinutes(1),
            "portrait_check_too_frequent", "照片检测过于频繁，请{0}后再试。", cancellationToken);
        var specification = string.IsNullOrWhiteSpace(spec) ? "cn-id-card" : spec.Trim();
        if (fixer.Specifications.Find(specification) is null)
        {
            return Problems.Validation("unknown_specification",
                $"不支持的照片规格“{specification}”，可选：{string.Join("、", fixer.Specifications.All.Select(s => $"{s.Id}（{s.Name}）"))}。", "spec");
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
