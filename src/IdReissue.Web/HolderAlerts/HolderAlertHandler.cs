using IdReissue.Domain.Identity;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.HolderAlerts;

/// <summary>
/// After 实人认证 and after a loss report, texts the phone the household registry holds for the person when it is
/// not the phone the application was made from: whoever found a card knows the name and number, not the holder's
/// phone. The text carries the link through which the holder says "不是我本人".
/// </summary>
public sealed class HolderAlertHandler(IdReissueDbContext db, IHouseholdRegistry registry, ISmsSender sms, IOptions<HolderAlertOptions> options) : IOutboxHandler
{
    public string Kind => TransitionOutbox.AlertHolder;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var notice = message.Read<HolderAlertNotice>();
        var application = await db.Applications.AsNoTracking().Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == notice.ApplicationId, cancellationToken);
        var transition = application?.Transitions.SingleOrDefault(t => t.Sequence == notice.Sequence);
        if (application is null || transition is null)
        {
            return new OutboxOutcome(null, "application or transition gone");
        }

        // Late or retried: an application already stopped, checked by an officer or ended needs no alert (its link
        // would only answer that it is too late or already cleared).
        if (application.HolderDeniedAt is not null || application.State.IsFinal() || application.State == ApplicationState.Dispatched)
        {
            return new OutboxOutcome(null, "already stopped, cleared or ended");
        }

        var resident = await registry.FindAsync(application.CitizenId, cancellationToken);
        if (!PhoneNumber.TryNormalize(resident?.Phone, out var registryPhone))
        {
            return new OutboxOutcome(null, "the registry holds no phone for the person");
        }

        // The whole account, not a projection of its phone: only a loaded row is checked to be the row its values were sealed for.
        var account = await db.ApplicantAccounts.AsNoTracking().SingleAsync(a => a.Id == application.AccountId, cancellationToken);
        if (PhoneNumber.TryNormalize(account.Phone, out var signedIn) && signedIn == registryPhone)
        {
            return new OutboxOutcome(null, "applied from the registry's phone");
        }

        var step = transition.To == ApplicationState.LossReported ? "已申报挂失原证" : "已通过实人认证";
        var link = options.Value.LinkTo(HolderLink.Code(db, application));
        await sms.SendAsync(message.Id.ToString("N"), registryPhone, SmsText.HolderAlert(step, link.AbsoluteUri), cancellationToken);
        return OutboxOutcome.Done;
    }
}
