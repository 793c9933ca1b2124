using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfNotificationLedger(IdReissueDbContext db) : INotificationLedger
{
    public Task<string?> OutcomeOfAsync(string source, string notificationId, CancellationToken cancellationToken) =>
        db.ReceivedNotifications.AsNoTracking().Where(n => n.Source == source && n.NotificationId == notificationId)
            .Select(n => n.Outcome).SingleOrDefaultAsync(cancellationToken);

    public async Task<bool> SeenAsync(string source, string notificationId, CancellationToken cancellationToken) =>
        db.ReceivedNotifications.Local.Any(n => n.Source == source && n.NotificationId == notificationId)
        || await db.ReceivedNotifications.AnyAsync(n => n.Source == source && n.NotificationId == notificationId, cancellationToken);

    public void Record(string source, string notificationId, string reference, DateTimeOffset receivedAt, string outcome) =>
        db.ReceivedNotifications.Add(new ReceivedNotification
        {
            NotificationId = notificationId,
            Source = source,
            Reference = reference,
            ReceivedAt = receivedAt,
            Outcome = outcome,
        });
}
