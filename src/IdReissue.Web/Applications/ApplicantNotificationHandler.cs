using IdReissue.Application.Applications;
using IdReissue.Infrastructure.Outbox;

namespace IdReissue.Web.Applications;

/// <summary>The outbox's door to <see cref="NotifyApplicantHandler"/>: texts the applicant when their application reaches a step that matters to them.</summary>
public sealed class ApplicantNotificationHandler(NotifyApplicantHandler handler) : IOutboxHandler
{
    public string Kind => TransitionOutbox.NotifyApplicant;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = message.Read<ApplicantNotice>();
        return OutboxOutcome.From(await handler.HandleAsync(new NotifyApplicant(notice.ApplicationId, notice.Sequence, message.Id.ToString("N")), cancellationToken));
    }
}
