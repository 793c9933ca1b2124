using IdReissue.Domain.Applications;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Retention;

/// <summary>
/// Deletes the files (photos, the verified face capture, household register pages) of applications closed
/// longer than the retention period: personal and biometric data is not kept beyond its purpose. Verdicts,
/// measures and the audit trail stay. Every node may sweep; a delete is idempotent.
/// </summary>
public sealed partial class ClosedApplicationFiles(
    IDbContextFactory<IdReissueDbContext> dbFactory, IOptions<RetentionOptions> options, TimeProvider time, ILogger<ClosedApplicationFiles> logger) : BackgroundService
{
    private static readonly ApplicationState[] Closed =
        [ApplicationState.Delivered, ApplicationState.Rejected, ApplicationState.Cancelled, ApplicationState.Ineligible, ApplicationState.ReferredToWindow];

    /// <summary>One sweep; returns how many files were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.FilesKeptAfterClosedDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = db.Applications.Where(a => Closed.Contains(a.State) && a.UpdatedAt <= cutoff).Select(a => (Guid?)a.Id);
        var deleted = await db.Files.Where(f => expired.Contains(f.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(deleted, options.Value.FilesKeptAfterClosedDays);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database outage must not stop the host: the sweep is retried at the next interval.
                LogSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} files of applications closed more than {Days} days ago")]
    private partial void LogDeleted(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
