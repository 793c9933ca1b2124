namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>A signed call the sandbox gateways make to the service (payment notification, courier event),
/// retried until acknowledged, as the real gateways do.</summary>
public sealed class SandboxCallback
{
    public Guid Id { get; set; }

    /// <summary>Path on the service, e.g. "/api/payments/notify/WeChatPay".</summary>
    public required string Path { get; set; }

    /// <summary>Headers as JSON object.</summary>
    public required string HeadersJson { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Set when the retry schedule is exhausted.</summary>
    public DateTimeOffset? AbandonedAt { get; set; }

    public string? LastResult { get; set; }
}
