using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Outbox;

/// <summary>
/// Turns new state transitions into outbox work in the same SaveChanges: the applicant is told of the
/// steps that matter to them, and the service-level check is set for the due date. Because it hooks the
/// unit of work, no command can change state and forget the follow-up.
/// </summary>
public static class TransitionOutbox
{
    public const string NotifyApplicant = "applicant.notify";
    public const string ServiceLevelCheck = "sla.check";
    public const string AlertHolder = "holder.alert";

    // The steps after which whoever holds the registry's phone for the person hears of it (and can say "不是我本人").
    private static readonly HashSet<ApplicationState> AlertedToHolder = [ApplicationState.FaceVerified, ApplicationState.LossReported];

    private static readonly HashSet<ApplicationState> Notified =
    [
        ApplicationState.Ineligible, ApplicationState.ReferredToWindow, ApplicationState.PhotoPending, ApplicationState.UnderReview,
        ApplicationState.Rejected, ApplicationState.Dispatched, ApplicationState.Delivered,
    ];

    public static void AddMessages(IdReissueDbContext db)
    {
        var added = db.ChangeTracker.Entries<StateTransition>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var applications = db.ChangeTracker.Entries<ReissueApplication>().Select(e => e.Entity).ToList();
        foreach (var transition in added)
        {
            var application = applications.FirstOrDefault(a => a.Transitions.Contains(transition));
            if (application is null || !transition.ChangesState)
            {
                continue;
            }

            if (Notified.Contains(transition.To))
            {
                db.Enqueue(NotifyApplicant, new ApplicantNotice(application.Id, transition.Sequence), transition.At,
                    deduplicationKey: $"notify:{application.Id:N}:{transition.Sequence}");
            }

            if (AlertedToHolder.Contains(transition.To))
            {
                db.Enqueue(AlertHolder, new HolderAlertNotice(application.Id, transition.Sequence), transition.At,
                    deduplicationKey: $"holder:{application.Id:N}:{transition.Sequence}");
            }

            if (transition.To == ApplicationState.UnderReview && application.DueDate is { } due
                && application.Transitions.Count(t => t.To == ApplicationState.UnderReview) == 1)
            {
                // Checked at the end of the due date, China time.
                var endOfDue = new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
                db.Enqueue(ServiceLevelCheck, new ServiceLevelNotice(application.Id), transition.At, endOfDue, $"sla:{application.Id:N}");
            }
        }
    }
}

public sealed record ApplicantNotice(Guid ApplicationId, int Sequence);

public sealed record ServiceLevelNotice(Guid ApplicationId);

public sealed record HolderAlertNotice(Guid ApplicationId, int Sequence);
