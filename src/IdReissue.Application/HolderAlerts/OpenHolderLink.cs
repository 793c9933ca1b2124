using IdReissue.Application.Abuse;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.HolderAlerts;

/// <summary>The application the holder's texted link names; <paramref name="ClientKey"/> counts wrong links per client network.</summary>
public sealed record OpenHolderLink(string? Code, string ClientKey);

/// <summary>
/// The link is the authorisation (no account: the holder may have none), so it must not be found by trying: a few
/// wrong links an hour per client, as for photo numbers.
/// </summary>
public sealed class OpenHolderLinkHandler(IApplicationStore applications, HolderLinkCode links, IAbuseLimiter limiter, AbuseLimitOptions limits)
{
    public async Task<Result<ReissueApplication>> HandleAsync(OpenHolderLink query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var missKey = $"holder-link-miss:{query.ClientKey}";
        await limiter.LimitAsync(missKey, limits.PhotoNumberMissesPerClientPerHour, TimeSpan.FromHours(1),
            "holder_link_miss_limit", "当前网络打开无效链接的次数过多，请{0}后再试。", cancellationToken);
        var number = HolderLinkCode.NumberOf(query.Code);
        var application = number is null ? null : await applications.FindByNumberAsync(number, cancellationToken);
        if (application is null || !links.Matches(application, query.Code!))
        {
            return Problem.NotFound("holder_link_invalid", "链接无效，请核对短信中的链接；如需帮助，请拨打当地公安机关电话或到户政窗口。");
        }

        await limiter.ReleaseAsync(missKey, cancellationToken);
        return application;
    }
}
