using IdReissue.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Presentation;

/// <summary>A ProblemDetails answer of an API handler, raised on a page so its message lands next to its field.</summary>
public sealed class FieldProblemException(string code, string message, string? field, DomainErrorKind kind) : DomainException(code, message, kind)
{
    public string? Field { get; } = field;

    public static FieldProblemException From(ProblemDetails problem) => new(
        problem.Extensions.TryGetValue("code", out var code) ? code?.ToString() ?? "error" : "error",
        problem.Detail ?? problem.Title ?? "操作未成功。",
        problem.Extensions.TryGetValue("field", out var field) ? field?.ToString() : null,
        problem.Status switch
        {
            StatusCodes.Status404NotFound => DomainErrorKind.NotFound,
            StatusCodes.Status403Forbidden => DomainErrorKind.Forbidden,
            StatusCodes.Status409Conflict or StatusCodes.Status429TooManyRequests => DomainErrorKind.Conflict,
            >= 500 => DomainErrorKind.Unavailable,
            _ => DomainErrorKind.Unprocessable,
        });
}
