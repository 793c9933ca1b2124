using IdReissue.Application.Abuse;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Web.Abuse;
using IdReissue.Web.Operations;

namespace IdReissue.Web.Photos;

/// <summary>
/// Finds an application by its photo number for anyone who holds the number (a studio needs no account).
/// The number is the authorisation, so it must not be found by trying: each client gets a few requests a
/// minute and a few wrong numbers an hour. Every look-up takes one wrong number up front (one conditional
/// statement, so a parallel burst cannot pass the limit) and gives it back when the number exists; the
/// first refusal in a window is reported as scanning.
/// </summary>
public sealed partial class PhotoNumberLookup(
    IApplicationStore applications, IAbuseLimiter limiter, AbuseLimitOptions limits, ApplicationMetrics metrics, ILogger<PhotoNumberLookup> logger)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async Task<ReissueApplication> FindAsync(string? input, HttpContext http, CancellationToken cancellationToken)
    {
        var client = ClientNetworks.KeyOf(http);
        await limiter.LimitAsync($"photo-number-client:{client}", limits.PhotoNumberRequestsPerClientPerMinute, Minute,
            "photo_number_client_limit", "当前网络按相片编号查询或提交过于频繁，请{0}后再试。", cancellationToken);
        var missKey = $"photo-number-miss:{client}";
        var misses = limits.PhotoNumberMissesPerClientPerHour;
        if (await limiter.HitAsync(missKey, misses, Hour, cancellationToken) is { } wait)
        {
            // Once per client and window: an alert, not a log flood. The client is its blind index, never the address.
            if (await limiter.HitAsync($"photo-number-scan-alert:{client}", 1, Hour, cancellationToken) is null)
            {
                metrics.PhotoNumberScanSuspected();
                LogScanSuspected(logger, client, misses);
            }

            throw new RateLimitedException("photo_number_miss_limit", $"当前网络输入错误的相片编号次数过多，请{AbuseGuard.Describe(wait)}后再试。", wait);
        }

        if (!PhotoNumber.TryParse(input, out var number))
        {
            // Eighteen digits that fail the check digit are a typo, not a wrong format: say which.
            throw new DomainException("photo_number_invalid", PhotoNumber.HasShape(input)
                ? "相片编号校验不符，可能有数字输错，请逐位核对（可在“进度查询”中查看）。"
                : "相片编号应为18位数字，请核对（可在“进度查询”中查看）。");
        }

        var application = await applications.FindByPhotoNumberAsync(number.Value, cancellationToken)
            ?? throw new DomainException("photo_number_not_found", "未找到该相片编号对应的申请，请核对。", DomainErrorKind.NotFound);
        await limiter.ReleaseAsync(missKey, cancellationToken);
        return application;
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "PhotoNumberScanSuspected",
        Message = "Photo number scanning suspected: client {ClientIndex} reached {Misses} unknown photo numbers within an hour and is refused until the window ends")]
    private static partial void LogScanSuspected(ILogger logger, string clientIndex, int misses);
}
