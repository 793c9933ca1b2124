using IdReissue.Application.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Errors;

/// <summary>ProblemDetails with a stable <c>code</c> extension and a Chinese <c>detail</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["code"] = code };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                all[key] = value;
            }
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: TitleFor(status), extensions: all);
    }

    /// <summary>A handler's refusal as ProblemDetails, its field (if any) named as a validation problem's is.</summary>
    public static ProblemHttpResult From(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Create(DomainErrorStatus.Of(problem.Kind), problem.Code, problem.Message,
            problem.Field is null ? null : new Dictionary<string, object?> { ["field"] = problem.Field });
    }

    public static ProblemHttpResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, detail);

    public static ProblemHttpResult Validation(string code, string detail, string? field = null) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, detail, field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The caller's own budget is spent; the caller sets Retry-After.</summary>
    public static ProblemHttpResult TooManyRequests(string code, string detail) => Create(StatusCodes.Status429TooManyRequests, code, detail);

    /// <summary>The service cannot take the request now, through nobody's fault; the caller sets Retry-After.</summary>
    public static ProblemHttpResult Unavailable(string code, string detail) => Create(StatusCodes.Status503ServiceUnavailable, code, detail);

    public static string TitleFor(int status) => status switch
    {
        400 => "请求格式错误",
        401 => "未登录或登录已过期",
        403 => "无权执行此操作",
        404 => "未找到",
        409 => "与当前状态冲突",
        413 => "上传内容过大",
        422 => "信息有误",
        429 => "操作过于频繁",
        // The database as much as a provider: what the person needs to know is that it is temporary.
        502 or 503 or 504 => "服务暂时不可用",
        _ => "服务器内部错误",
    };
}
