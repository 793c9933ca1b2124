using IdReissue.Application.Abuse;
using System.Globalization;
using IdReissue.Domain.Common;
using IdReissue.Web.Abuse;

namespace IdReissue.Web.Errors;

/// <summary>The HTTP status of a broken rule, shared by the API's ProblemDetails and the pages' error page and forms.</summary>
public static class DomainErrorStatus
{
    public static int Of(DomainException broken) => broken is RateLimitedException ? StatusCodes.Status429TooManyRequests : Of(broken.Kind);

    public static int Of(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        DomainErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A provider that is down (SMS, a payment gateway, face verification) is asked again after this long.</summary>
    public static readonly TimeSpan ProviderRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>Sets the status and, for a rate limit or a provider that is down, the Retry-After header.</summary>
    public static void Apply(HttpResponse response, DomainException broken)
    {
        response.StatusCode = Of(broken);
        if (broken is RateLimitedException limited)
        {
            response.Headers.RetryAfter = Math.Ceiling(limited.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        else if (broken.Kind == DomainErrorKind.Unavailable)
        {
            response.Headers.RetryAfter = ProviderRetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
