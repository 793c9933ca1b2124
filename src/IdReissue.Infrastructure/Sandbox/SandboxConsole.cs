using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Outbox;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// What the sandbox's own screens show and do (the SMS inbox, the cashier, the callbacks sent and due), for
/// the web host, which reaches the sandbox's tables only through these named methods. Registered only where
/// the sandbox runs.
/// </summary>
public sealed class SandboxConsole(IdReissueDbContext db, SandboxDbContext sandbox, IOptions<SandboxOptions> options, TimeProvider time)
{
    /// <summary>The newest text messages the sandbox SMS gateway "sent" to a phone (normalized), newest first.</summary>
    public async Task<IReadOnlyList<SandboxSms>> MessagesToAsync(string phone, int count, CancellationToken cancellationToken)
    {
        var messages = await sandbox.SandboxSmsMessages.AsNoTracking().Where(m => m.PhoneIndex == sandbox.BlindIndex(BlindIndexKinds.Phone, phone))
            .OrderByDescending(m => m.Id).Take(count).ToListAsync(cancellationToken);
        return [.. messages.Select(m => new SandboxSms(m.Phone, m.Text, m.SentAt))];
    }

    /// <summary>A payment order as the sandbox gateway keeps it, or null.</summary>
    public Task<SandboxPaymentOrder?> FindOrderAsync(string orderNumber, CancellationToken cancellationToken) =>
        sandbox.SandboxPaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderNumber == orderNumber, cancellationToken);

    /// <summary>The payer pays (or fails to) at the cashier; the result reaches the service by notification.</summary>
    public Task<SandboxPaymentOrder> PayAtCashierAsync(string orderNumber, bool succeed, CancellationToken cancellationToken) =>
        SandboxPaymentGateway.PayAtCashierAsync(db, options.Value, orderNumber, succeed, time.GetUtcNow(), cancellationToken);

    /// <summary>The newest gateway callbacks, sent and due.</summary>
    public async Task<IReadOnlyList<SandboxCallbackEntry>> CallbacksAsync(int count, CancellationToken cancellationToken)
    {
        var callbacks = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == SandboxCallbacks.Kind)
            .OrderByDescending(m => m.CreatedAt).Take(count).ToListAsync(cancellationToken);
        return [.. callbacks.Select(m => new SandboxCallbackEntry(m.Read<SandboxCallback>().Path, m.AvailableAt, m.Attempts, m.ProcessedAt, m.FailedAt, m.LastError))];
    }
}

public sealed record SandboxSms(string Phone, string Text, DateTimeOffset SentAt);

public sealed record SandboxCallbackEntry(string Path, DateTimeOffset DueAt, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset? FailedAt, string? LastResult);
