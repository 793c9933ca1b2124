using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>Production centre sandbox: keeps each batch it receives once, by batch number.</summary>
public sealed class SandboxProductionCentre(IDbContextFactory<SandboxDbContext> dbFactory, TimeProvider time) : IProductionCentre
{
    public async Task SubmitBatchAsync(string batchNumber, string content, int lines, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SandboxProductionHandoffs.AnyAsync(h => h.BatchNumber == batchNumber, cancellationToken))
        {
            return;
        }

        db.SandboxProductionHandoffs.Add(new SandboxProductionHandoff { BatchNumber = batchNumber, Export = content, Lines = lines, ReceivedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
