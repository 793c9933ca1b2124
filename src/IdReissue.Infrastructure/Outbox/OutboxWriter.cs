using System.Text.Json;
using IdReissue.Infrastructure.Persistence;

namespace IdReissue.Infrastructure.Outbox;

/// <summary>Adds outbox messages to a unit of work; they commit (or not) with it.</summary>
public static class OutboxWriter
{
    public static OutboxMessage Enqueue(this IdReissueDbContext db, string kind, object payload, DateTimeOffset now, DateTimeOffset? availableAt = null, string? deduplicationKey = null)
    {
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            DeduplicationKey = deduplicationKey,
            CreatedAt = now,
            AvailableAt = availableAt ?? now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    public static T Read<T>(this OutboxMessage message) =>
        JsonSerializer.Deserialize<T>(message.Payload, JsonSerializerOptions.Web) ?? throw new InvalidOperationException($"Empty payload in {message.Kind} {message.Id}");
}
