using IdReissue.Application.Abuse;
using IdReissue.Application.Ports;
using IdReissue.Portrait.Specifications;
using IdReissue.Web.Abuse;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Photos;

/// <summary>What the free, anonymous portrait endpoints (check, fix, print sheet) have in common.</summary>
internal static class AnonymousPortraitRequest
{
    /// <summary>Counts the request against the one per-client limit they share: a fix or a sheet is a check and more.</summary>
    public static Task CountAsync(IAbuseLimiter limiter, AbuseLimitOptions limits, HttpContext http, CancellationToken cancellationToken) =>
        limiter.LimitAsync($"portrait-client:{ClientNetworks.KeyOf(http)}", limits.PortraitChecksPerClientPerMinute, TimeSpan.FromMinutes(1),
            "portrait_check_too_frequent", "照片检测过于频繁，请{0}后再试。", cancellationToken);

    /// <summary>The specification asked for (the ID card when none), or the problem naming the ones there are.</summary>
    public static ProblemHttpResult? Specification(SpecificationCatalog catalog, string? spec, out string specification)
    {
        specification = string.IsNullOrWhiteSpace(spec) ? "cn-id-card" : spec.Trim();
        return catalog.Find(specification) is null
            ? Problems.Validation("unknown_specification",
                $"不支持的照片规格“{specification}”，可选：{string.Join("、", catalog.All.Select(s => $"{s.Id}（{s.Name}）"))}。", "spec")
            : null;
    }
}
