using System.Text.Json;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Persistence;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>Schedules a call from a sandbox gateway to the service, as outbox work: stored, so a restart
/// loses nothing, and retried until acknowledged by <see cref="SandboxCallbackHandler"/>.</summary>
public static class SandboxCallbacks
{
    public const string Kind = "sandbox.callback";

    public static void Enqueue(IdReissueDbContext db, string path, object payload, DateTimeOffset now, DateTimeOffset dueAt) =>
        db.Enqueue(Kind, new SandboxCallback(path, JsonSerializer.Serialize(payload, SandboxJson.Options)), now, dueAt);
}

public sealed record SandboxCallback(string Path, string Body);

internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
