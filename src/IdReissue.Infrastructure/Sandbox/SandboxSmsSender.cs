using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>SMS sandbox: messages go to an outbox the demo shows instead of a phone.</summary>
public sealed class SandboxSmsSender(IDbContextFactory<IdReissueDbContext> dbFactory, TimeProvider time) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SandboxSmsMessages.Add(new SandboxSmsMessage { Phone = phone, Text = text, SentAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
