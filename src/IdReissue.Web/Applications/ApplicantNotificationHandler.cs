using System.Globalization;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Applications;

/// <summary>Texts the applicant when their application reaches a step that matters to them.</summary>
public sealed class ApplicantNotificationHandler(IdReissueDbContext db, ISmsSender sms) : IOutboxHandler
{
    public string Kind => TransitionOutbox.NotifyApplicant;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var notice = message.Read<ApplicantNotice>();
        var application = await db.Applications.AsNoTracking().Include(a => a.Transitions).SingleOrDefaultAsync(a => a.Id == notice.ApplicationId, cancellationToken);
        var transition = application?.Transitions.SingleOrDefault(t => t.Sequence == notice.Sequence);
        if (application is null || transition is null)
        {
            return new OutboxOutcome(null, "application or transition gone");
        }

        // The whole account, not a projection of its phone: only a loaded row is checked to be the row its values were sealed for.
        var phone = (await db.ApplicantAccounts.AsNoTracking().SingleAsync(a => a.Id == application.AccountId, cancellationToken)).Phone;
        var detail = new System.Text.StringBuilder();
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
        await sms.SendAsync(message.Id.ToString("N"), phone, SmsText.ApplicationProgress(application.ApplicationNumber, transition.To.Chinese(), detail.ToString()), cancellationToken);
        return OutboxOutcome.Done;
    }
}
