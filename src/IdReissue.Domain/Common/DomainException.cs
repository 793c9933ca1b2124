namespace IdReissue.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> is a stable machine identifier that clients
/// may branch on; <see cref="Message"/> is Simplified Chinese and is shown to people as it is.
/// </summary>
public class DomainException(string code, string message, DomainErrorKind kind = DomainErrorKind.Unprocessable)
    : Exception(message)
{
    public string Code { get; } = code;

    public DomainErrorKind Kind { get; } = kind;
}

/// <summary>How a broken rule maps onto a protocol status, without the domain knowing HTTP.</summary>
public enum DomainErrorKind
{
    /// <summary>The input is well-formed but breaks a rule.</summary>
    Unprocessable,

    /// <summary>The request conflicts with the current state (a step out of order, a duplicate).</summary>
    Conflict,

    /// <summary>The thing asked for does not exist (or is not the caller's to see).</summary>
    NotFound,

    /// <summary>The caller could not be told apart from anyone (wrong credentials).</summary>
    Unauthenticated,

    /// <summary>The caller may not do this.</summary>
    Forbidden,

    /// <summary>The input is larger than this kind of request may be.</summary>
    TooLarge,

    /// <summary>An external system failed or timed out.</summary>
    Unavailable,
}
