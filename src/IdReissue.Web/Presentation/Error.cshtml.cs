using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Presentation;

/// <summary>The page for any error a page request ends in; it never shows internal details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";

    public string Message { get; private set; } = string.Empty;

    public bool Officer { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var code = status ?? Response.StatusCode;
        var outage = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error ? Errors.StorageFaultProblem.Of(error) : null;
        if (outage is not null)
        {
            code = StatusCodes.Status503ServiceUnavailable;
            outage.Apply(Response);
        }

        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? Request.Path.Value ?? string.Empty;
        Officer = original.StartsWith("/officer", StringComparison.Ordinal);
        Response.StatusCode = code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError;
        (Title, var fallback) = code switch
        {
            400 => ("页面已过期", "页面已过期或请求格式有误，请返回刷新后重试。"),
            403 => ("无权访问", "您的账号无权查看此页面。"),
            404 => ("页面不存在", "未找到您要访问的页面或申请，请检查后重试。"),
            409 => ("操作与当前状态不符", "该操作与申请的当前状态不符，请返回查看最新进度。"),
            413 => ("上传内容过大", "上传的文件过大，请压缩后重试。"),
            429 => ("操作过于频繁", "操作过于频繁，请稍后再试。"),
            503 => ("服务暂时不可用", "服务暂时不可用，请稍后重试。您已提交的信息不会丢失。"),
            >= 500 => ("服务暂时出现问题", "服务暂时出现问题，请稍后重试。您已提交的信息不会丢失。"),
            _ => ("信息有误", "请求未能完成，请返回检查后重试。"),
        };
        Message = outage?.Message ?? HttpContext.Items[ErrorPageMessage.Key] as string ?? fallback;
    }
}
