using IdReissue.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace IdReissue.Web.Errors;

/// <summary>
/// Turns exceptions into ProblemDetails: each broken domain rule keeps its own code and status; an
/// unexpected failure is a 500 that says nothing internal; a database that is down or refuses writes is a 503 to retry (StorageFaultProblem). A concurrent writer's conflict arrives as the application
/// layer's concurrent_update problem (the unit of work translates it). Nothing is half-written because each
/// command saves once, at its end.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private static bool RefusedPersonalData(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Infrastructure.Security.Protection.UnsealedPersonalDataException)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the middleware has pointed the request at the error page; what was asked for is in the feature.
        var original = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path);
        var outage = StorageFaultProblem.Of(exception);
        if (outage is not null)
        {
            // An outage is an operator's matter, not a bug: one line per refused request, without the stack.
            LogOutage(logger, outage.Code, httpContext.Request.Method, original, exception.GetBaseException().Message);
        }

        if (!original.StartsWithSegments("/api") && !original.StartsWithSegments("/sandbox"))
        {
            // Pages show the error page (re-executed by the exception handler middleware), which says the same for an outage.
            if (outage is null)
            {
                LogUnexpected(logger, exception, httpContext.Request.Method, original);
            }

            return false;
        }

        var (status, code, detail) = exception switch
        {
            // EF may wrap what the protector throws while reading; a refused personal value is named as such, for operators to investigate.
            _ when RefusedPersonalData(exception) => (StatusCodes.Status500InternalServerError, "personal_data_integrity", "存储的个人信息未通过完整性校验，已拒绝读取。请联系系统管理员核查。"),
            _ when outage is not null => (StatusCodes.Status503ServiceUnavailable, outage.Code, outage.Message),
            DomainException domain => (DomainErrorStatus.Of(domain), domain.Code, domain.Message),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "request_too_large", "上传内容过大，请压缩后重试。"),
            BadHttpRequestException => (StatusCodes.Status400BadRequest, "invalid_request", "请求格式错误，请检查填写的内容。"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "client_closed", "请求已取消。"),
            _ => (StatusCodes.Status500InternalServerError, "internal_error", "服务暂时出现问题，请稍后重试。您的数据不会丢失。"),
        };

        if (status >= 500 && outage is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, original);
        }

        if (outage is not null)
        {
            outage.Apply(httpContext.Response);
        }
        else if (exception is DomainException broken)
        {
            DomainErrorStatus.Apply(httpContext.Response, broken);
        }
        else
        {
            httpContext.Response.StatusCode = status;
        }

        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = Problems.TitleFor(status),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        };
        if (exception is LivenessNotProvenException liveness)
        {
            // Stable codes of the liveness contract, so that an integrator can tell a slideshow from a missed prompt.
            context.ProblemDetails.Extensions["reasons"] = liveness.Reasons;
        }

        return await problemDetails.TryWriteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} as {Code}: {Cause}")]
    private static partial void LogOutage(ILogger logger, string code, string method, string path, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
