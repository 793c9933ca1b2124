namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>A text message the sandbox SMS gateway "sent": the demo shows it instead of a phone.</summary>
public sealed class SandboxSmsMessage
{
    public long Id { get; set; }

    /// <summary>The sender's id for the message; a repeated send with the same id is ignored, as real SMS gateways do.</summary>
    public required string MessageId { get; set; }

    public required string Phone { get; set; }

    public string PhoneIndex { get; set; } = string.Empty;

    public required string Text { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
