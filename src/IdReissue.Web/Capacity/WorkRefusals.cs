using System.Globalization;
using IdReissue.Application.Abuse;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Presentation;

namespace IdReissue.Web.Capacity;

/// <summary>
/// The fast answers when work is not admitted: 429 when the client's budget is spent (its own doing), 503 when the
/// node's pool and queue are full (nobody's fault; any client may retry). Both say when to try again, in the
/// Retry-After header and in Chinese; a page shows the error page with the same sentence.
/// </summary>
internal static class WorkRefusals
{
    public static Task OverBudgetAsync(HttpContext http, TimeSpan retryAfter)
    {
        var wait = RetryAfter(http, retryAfter);
        var detail = $"照片检测和生成用量已达上限（生成合格照片按其计算量计为多次检测），请{wait}后再试。";
        return Write(http, Problems.TooManyRequests("portrait_budget_exhausted", detail), detail);
    }

    public static Task BusyAsync(HttpContext http, WorkKind kind, TimeSpan retryAfter)
    {
        var wait = RetryAfter(http, retryAfter);
        if (kind == WorkKind.FaceVerification)
        {
            var face = $"实人认证的人数较多，请{wait}后重新提交，本次认证次数不会扣除。";
            return Write(http, Problems.Unavailable("face_verification_busy", face), face);
        }

        var detail = $"照片服务繁忙，请{wait}后再试。";
        return Write(http, Problems.Unavailable("portrait_busy", detail), detail);
    }

    private static string RetryAfter(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return AbuseGuard.Describe(TimeSpan.FromSeconds(seconds));
    }

    private static Task Write(HttpContext http, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem, string detail)
    {
        if (SessionToken.IsApi(http.Request))
        {
            return problem.ExecuteAsync(http);
        }

        // A page request: the status alone, re-executed as the error page, which shows this sentence.
        http.Response.StatusCode = problem.StatusCode;
        http.Items[ErrorPageMessage.Key] = detail;
        return Task.CompletedTask;
    }
}
