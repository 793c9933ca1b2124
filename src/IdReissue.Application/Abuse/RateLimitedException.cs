using IdReissue.Domain.Common;

namespace IdReissue.Application.Abuse;

/// <summary>Refused for now: answered 429 with a Retry-After header.</summary>
public sealed class RateLimitedException(string code, string message, TimeSpan retryAfter) : DomainException(code, message, DomainErrorKind.Conflict)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
