using IdReissue.Domain.Common;

namespace IdReissue.Application.Common;

/// <summary>
/// Why a command or query was refused: a stable code, a Chinese sentence for the person, the kind of
/// refusal (which the web host turns into a status) and, where one field is at fault, its name.
/// </summary>
public sealed record Problem(DomainErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static Problem NotFound(string code, string message) => new(DomainErrorKind.NotFound, code, message);

    public static Problem Conflict(string code, string message) => new(DomainErrorKind.Conflict, code, message);

    public static Problem Invalid(string code, string message, string? field = null) => new(DomainErrorKind.Unprocessable, code, message, field);

    public static Problem Forbidden(string code, string message) => new(DomainErrorKind.Forbidden, code, message);

    /// <summary>The problem as the exception a page's form shows next to its field.</summary>
    public ProblemException ToException() => new(this);
}
