using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>SMS sandbox: messages go to an outbox the demo shows instead of a phone; a message id seen
/// before is not sent again.</summary>
public sealed class SandboxSmsSender(IDbContextFactory<SandboxDbContext> dbFactory, TimeProvider time) : ISmsSender
{
    public async Task SendAsync(string messageId, string phone, SmsText message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SandboxSmsMessages.AnyAsync(m => m.MessageId == messageId, cancellationToken))
        {
            return;
        }

        db.SandboxSmsMessages.Add(new SandboxSmsMessage { MessageId = messageId, Phone = phone, Text = message.Text, SentAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry of the same message may have won: then it was sent once.
            db.ChangeTracker.Clear();
            if (!await db.SandboxSmsMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId, CancellationToken.None))
            {
                throw;
            }
        }
    }
}
