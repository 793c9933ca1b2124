using IdReissue.Application.Abuse;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Infrastructure.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.HolderAlerts;

/// <summary>
/// "不是我本人": the holder, through the texted link, stops an application made in their name. The link is the
/// authorisation (no account: the holder may have none), so it must not be found by trying: a few wrong links an
/// hour per client, as for photo numbers. The stop is audited and puts the application before an officer.
/// </summary>
public sealed class HolderDenial(IdReissueDbContext db, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits, AuditTrail audit, TimeProvider time)
{
    public const string HeldMessage = "证件登记的持有人已声明“不是我本人办理”，申请已暂停，由公安机关核查。如确为本人办理，请携带户口簿到公安机关窗口办理。";

    private static readonly Actor Holder = Actor.Holder("sms-link");

    public async Task<ReissueApplication> FindAsync(string? code, HttpContext http, CancellationToken cancellationToken)
    {
        var missKey = $"holder-link-miss:{ClientNetworks.KeyOf(http)}";
        if (await limiter.HitAsync(missKey, limits.Value.PhotoNumberMissesPerClientPerHour, TimeSpan.FromHours(1), cancellationToken) is { } wait)
        {
            throw new RateLimitedException("holder_link_miss_limit", $"当前网络打开无效链接的次数过多，请{AbuseGuard.Describe(wait)}后再试。", wait);
        }

        var number = HolderLink.NumberOf(code);
        var application = number is null ? null
            : await db.Applications.Include(a => a.Transitions).SingleOrDefaultAsync(a => a.ApplicationNumber == number, cancellationToken);
        if (application is null || !HolderLink.Matches(db, application, code!))
        {
            throw new DomainException("holder_link_invalid", "链接无效，请核对短信中的链接；如需帮助，请拨打当地公安机关电话或到户政窗口。", DomainErrorKind.NotFound);
        }

        await limiter.ReleaseAsync(missKey, cancellationToken);
        return application;
    }

    /// <summary>Stops the application; a step the applicant saves at the same moment is retried around, so the stop is never lost.</summary>
    public async Task<ReissueApplication> DenyAsync(ReissueApplication application, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var held = application.HeldAsSuspectedImpersonation;
            application.RecordHolderDenial(time.GetUtcNow());
            if (!held)
            {
                audit.Record(Holder, "application.holder-denied", application.ApplicationNumber, $"state {application.State}");
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return application;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                application = await db.Applications.Include(a => a.Transitions).SingleAsync(a => a.Id == application.Id, cancellationToken);
            }
        }
    }
}
