namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>A text message the sandbox SMS gateway "sent": the demo shows it instead of a phone.</summary>
public sealed class SandboxSmsMessage
{
    public long Id { get; set; }

    public required string Phone { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
