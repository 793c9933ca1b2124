using System.Text;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// Delivers the sandbox gateways' callbacks to the service and retries the way WeChat Pay does
/// (15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min, 30 min, 30 min, 60 min, 3 h, 3 h, 3 h, 6 h, 6 h),
/// scaled by <see cref="SandboxOptions.RetryScale"/>. A callback is done when the service answers 2xx.
/// </summary>
public sealed partial class SandboxCallbackWorker(
    IDbContextFactory<IdReissueDbContext> dbFactory,
    IHttpClientFactory httpClientFactory,
    ISandboxCallbackTarget target,
    SandboxSigner signer,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<SandboxCallbackWorker> logger) : BackgroundService
{
    public const string HttpClientName = "sandbox-callbacks";

    private static readonly TimeSpan[] RetrySchedule =
    [
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3), TimeSpan.FromHours(3),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
        }
    }

    /// <summary>Sends every callback that is due now; returns how many were acknowledged.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.SandboxCallbacks
            .Where(c => c.DeliveredAt == null && c.AbandonedAt == null && c.DueAt <= now)
            .OrderBy(c => c.DueAt)
            .Take(20)
            .ToListAsync(cancellationToken);
        var delivered = 0;
        var client = httpClientFactory.CreateClient(HttpClientName);
        foreach (var callback in due)
        {
            callback.Attempts++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseAddress, callback.Path))
                {
                    Content = new StringContent(callback.Body, Encoding.UTF8, "application/json"),
                };
                foreach (var (name, value) in signer.Sign(callback.Body, time.GetUtcNow()))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await client.SendAsync(request, cancellationToken);
                callback.LastResult = $"{(int)response.StatusCode}";
                if (response.IsSuccessStatusCode)
                {
                    callback.DeliveredAt = time.GetUtcNow();
                    delivered++;
                    continue;
                }
            }
            catch (HttpRequestException e)
            {
                callback.LastResult = e.Message.Length > 200 ? e.Message[..200] : e.Message;
            }

            if (callback.Attempts > RetrySchedule.Length)
            {
                callback.AbandonedAt = time.GetUtcNow();
                LogAbandoned(logger, callback.Path, callback.Attempts);
            }
            else
            {
                callback.DueAt = time.GetUtcNow() + RetrySchedule[callback.Attempts - 1] * options.Value.RetryScale;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox callback pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox callback to {Path} abandoned after {Attempts} attempts")]
    private static partial void LogAbandoned(ILogger logger, string path, int attempts);
}
