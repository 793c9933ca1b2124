namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>A production batch as the sandbox production centre (制证中心) received it.</summary>
public sealed class SandboxProductionHandoff
{
    public required string BatchNumber { get; set; }

    public required string Export { get; set; }

    public int Lines { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
