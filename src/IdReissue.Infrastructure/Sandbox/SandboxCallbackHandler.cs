using System.Text;
using IdReissue.Infrastructure.Outbox;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// Delivers a sandbox gateway's callback, freshly signed, and retries on the WeChat Pay schedule
/// (15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min, 30 min, 30 min, 60 min, 3 h, 3 h, 3 h, 6 h, 6 h),
/// scaled by <see cref="SandboxOptions.RetryScale"/>, until the service answers 2xx.
/// </summary>
public sealed class SandboxCallbackHandler(
    IHttpClientFactory httpClientFactory,
    ISandboxCallbackTarget target,
    SandboxSigner signer,
    IOptions<SandboxOptions> options,
    TimeProvider time) : IOutboxHandler
{
    public const string HttpClientName = "sandbox-callbacks";

    private static readonly TimeSpan[] RetrySchedule =
    [
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3), TimeSpan.FromHours(3),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    ];

    public string Kind => SandboxCallbacks.Kind;

    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var callback = message.Read<SandboxCallback>();
        string result;
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

            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return OutboxOutcome.Done;
            }

            result = $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            result = e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = "timeout";
        }

        // The gateway gives up after its schedule, as the real ones do; reconciliation covers the rest.
        return message.Attempts > RetrySchedule.Length
            ? new OutboxOutcome(null, $"abandoned after {message.Attempts} attempts: {result}")
            : OutboxOutcome.Again(time.GetUtcNow() + RetrySchedule[message.Attempts - 1] * options.Value.RetryScale, result);
    }
}
