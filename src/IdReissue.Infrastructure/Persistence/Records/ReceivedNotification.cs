namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>Every gateway notification processed, keyed by the gateway's notification id, so a retry or a
/// duplicate has no second effect.</summary>
public sealed class ReceivedNotification
{
    public required string NotificationId { get; set; }

    /// <summary>"payment:WeChatPay", "courier:ems", ...</summary>
    public required string Source { get; set; }

    public required string Reference { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public required string Outcome { get; set; }
}
