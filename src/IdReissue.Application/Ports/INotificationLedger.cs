namespace IdReissue.Application.Ports;

/// <summary>Gateway notifications already applied, by the gateway's own id, so a repeat is answered as the first was.</summary>
public interface INotificationLedger
{
    /// <summary>The outcome recorded for the notification, or null when it is new.</summary>
    Task<string?> OutcomeOfAsync(string source, string notificationId, CancellationToken cancellationToken);

    /// <summary>Whether the notification was recorded before, or is already in this unit of work.</summary>
    Task<bool> SeenAsync(string source, string notificationId, CancellationToken cancellationToken);

    void Record(string source, string notificationId, string reference, DateTimeOffset receivedAt, string outcome);
}
