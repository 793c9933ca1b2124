using System.Text.Json;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>Schedules a call from a sandbox gateway to the service. Stored, so a restart loses nothing.</summary>
public static class SandboxCallbacks
{
    public static void Enqueue(IdReissueDbContext db, string path, object payload, DateTimeOffset dueAt)
    {
        db.SandboxCallbacks.Add(new SandboxCallback
        {
            Id = Guid.NewGuid(),
            Path = path,
            HeadersJson = "{}",
            Body = JsonSerializer.Serialize(payload, SandboxJson.Options),
            DueAt = dueAt,
        });
    }
}

internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
