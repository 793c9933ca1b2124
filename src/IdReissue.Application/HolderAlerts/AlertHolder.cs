using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;

namespace IdReissue.Application.HolderAlerts;

/// <summary>Text the registered holder about the step of transition <paramref name="Sequence"/> (outbox work, after 实人认证 or a loss report).</summary>
/// <param name="MessageId">The outbox message's id: one text per id, however often the work is retried.</param>
public sealed record AlertHolder(Guid ApplicationId, int Sequence, string MessageId);

/// <summary>
/// Texts the phone the household registry holds for the person when it is not the phone the application was made
/// from: whoever found a card knows the name and number, not the holder's phone. The text carries the link through
/// which the holder says "不是我本人".
/// </summary>
public sealed class AlertHolderHandler(
    IApplicationStore applications, IApplicantAccountStore accounts, IHouseholdRegistry registry, ISmsSender sms, HolderLinkCode links, HolderAlertOptions options)
{
    public async Task<FollowUp> HandleAsync(AlertHolder command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var application = await applications.ReadAsync(command.ApplicationId, cancellationToken);
        var transition = application?.Transitions.SingleOrDefault(t => t.Sequence == command.Sequence);
        if (application is null || transition is null)
        {
            return FollowUp.Done("application or transition gone");
        }

        // Late or retried: an application already stopped, checked by an officer or ended needs no alert (its link
        // would only answer that it is too late or already cleared).
        if (application.HolderDeniedAt is not null || application.State.IsFinal() || application.State == ApplicationState.Dispatched)
        {
            return FollowUp.Done("already stopped, cleared or ended");
        }

        var resident = await registry.FindAsync(application.CitizenId, cancellationToken);
        if (!PhoneNumber.TryNormalize(resident?.Phone, out var registryPhone))
        {
            return FollowUp.Done("the registry holds no phone for the person");
        }

        // The whole account, not a projection of its phone: only a loaded row is checked to be the row its values were sealed for.
        var account = await accounts.ReadAsync(application.AccountId, cancellationToken)
            ?? throw new InvalidOperationException($"The account of application {application.ApplicationNumber} is missing.");
        if (PhoneNumber.TryNormalize(account.Phone, out var signedIn) && signedIn == registryPhone)
        {
            return FollowUp.Done("applied from the registry's phone");
        }

        var step = transition.To == ApplicationState.LossReported ? "已申报挂失原证" : "已通过实人认证";
        var link = options.LinkTo(links.Of(application));
        await sms.SendAsync(command.MessageId, registryPhone, SmsText.HolderAlert(step, link.AbsoluteUri), cancellationToken);
        return FollowUp.Done("sent");
    }
}
