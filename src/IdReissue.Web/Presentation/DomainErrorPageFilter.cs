using IdReissue.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdReissue.Web.Presentation;

/// <summary>
/// A rule broken outside a form (someone else's application, a step already done) shows the error page
/// with its Chinese message and the matching status, instead of a server error.
/// </summary>
public sealed class DomainErrorPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is DomainException broken && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            Errors.DomainErrorStatus.Apply(executed.HttpContext.Response, broken);
            executed.HttpContext.Items[ErrorPageMessage.Key] = broken.Message;
            executed.Result = new StatusCodeResult(executed.HttpContext.Response.StatusCode);
        }
    }
}

public static class ErrorPageMessage
{
    public const string Key = "idreissue:error-message";
}
