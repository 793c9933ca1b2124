using System.Globalization;
using System.Text;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Applications;

/// <summary>Text the applicant that their application reached the step of transition <paramref name="Sequence"/> (outbox work).</summary>
/// <param name="MessageId">The outbox message's id: the SMS provider sends one text per id, however often the work is retried.</param>
public sealed record NotifyApplicant(Guid ApplicationId, int Sequence, string MessageId);

public sealed class NotifyApplicantHandler(IApplicationStore applications, IApplicantAccountStore accounts, ISmsSender sms)
{
    public async Task<FollowUp> HandleAsync(NotifyApplicant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var application = await applications.ReadAsync(command.ApplicationId, cancellationToken);
        var transition = application?.Transitions.SingleOrDefault(t => t.Sequence == command.Sequence);
        if (application is null || transition is null)
        {
            return FollowUp.Done("application or transition gone");
        }

        // The whole account, not a projection of its phone: only a loaded row is checked to be the row its values were sealed for.
        var phone = (await accounts.ReadAsync(application.AccountId, cancellationToken)
            ?? throw new InvalidOperationException($"The account of application {application.ApplicationNumber} is missing.")).Phone;
        var detail = new StringBuilder();
        if (transition.To == ApplicationState.PhotoPending && application.PhotoNumber is { } photoNumber)
        {
            detail.Append(CultureInfo.InvariantCulture, $"相片编号{photoNumber}，");
        }

        if (transition.To == ApplicationState.Dispatched && application.TrackingNumber is { } tracking)
        {
            detail.Append(CultureInfo.InvariantCulture, $"EMS运单号{tracking}，");
        }

        // The next step of the state this notice is about, not of where the application stands when the notice is
        // sent: a photo can be accepted before the "photo needed" text goes out.
        detail.Append(transition.Note is { Length: > 0 } note && transition.To == ApplicationState.Rejected ? $"原因：{note}。" : transition.To.NextStep());
        await sms.SendAsync(command.MessageId, phone, SmsText.ApplicationProgress(application.ApplicationNumber, transition.To.Chinese(), detail.ToString()), cancellationToken);
        return FollowUp.Done("sent");
    }
}
