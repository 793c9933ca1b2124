using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IdReissue.ServiceBench;

/// <summary>
/// Sends each request to the next node in turn and, when a node is down, to the other one — the same
/// request with the same Idempotency-Key, as a client behind a load balancer would see a retry.
/// </summary>
public sealed class FailoverClient(IReadOnlyList<ServiceNode> nodes) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    // A browser at a provider's page: the redirect back is the answer, so it is read, not followed.
    private readonly HttpClient _noRedirect = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private int _next;
    private int _failovers;

    /// <summary>Requests that found a node down and went to the other one.</summary>
    public int Failovers => _failovers;

    /// <summary>Answers that said the database was down or refused writes (503 database_unavailable / storage_unavailable), each retried.</summary>
    public int OutageRefusals => _outageRefusals;

    /// <summary>Answers of 503 without a Retry-After: a client would not know when to come back.</summary>
    public int RefusalsWithoutRetryAfter => _refusalsWithoutRetryAfter;

    private int _outageRefusals;
    private int _refusalsWithoutRetryAfter;

    public void Dispose()
    {
        _http.Dispose();
        _noRedirect.Dispose();
    }

    /// <summary>Posts a form and returns where the answer redirects to, on whichever node is up.</summary>
    public async Task<Uri> RedirectOfAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var first = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var node = nodes[(first + attempt) % nodes.Count];
            try
            {
                using var response = await _noRedirect.PostAsync(new Uri(node.BaseAddress, path), new FormUrlEncodedContent(form), cancellationToken);
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && response.Headers.Location is { } location)
                {
                    return location;
                }

                throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failovers);
                await Task.Delay(100 * (attempt + 1), cancellationToken);
            }
        }

        throw new InvalidOperationException($"POST {path}: no node answered");
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? token = null, object? json = null,
        Func<HttpContent>? content = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var first = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var node = nodes[(first + attempt) % nodes.Count];
            using var request = new HttpRequestMessage(method, new Uri(node.BaseAddress, path));
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            request.Content = content?.Invoke() ?? (json is null ? null : JsonContent.Create(json));
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                // A node that died mid-request, or a command still running on the dead node: try again.
                if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                    || (response.StatusCode == HttpStatusCode.Conflict && text.Contains("idempotency_in_progress", StringComparison.Ordinal)))
                {
                    if (text.Contains("\"database_unavailable\"", StringComparison.Ordinal) || text.Contains("\"storage_unavailable\"", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _outageRefusals);
                        if (response.Headers.RetryAfter is null)
                        {
                            Interlocked.Increment(ref _refusalsWithoutRetryAfter);
                        }
                    }

                    await Task.Delay(250 * (attempt + 1), cancellationToken);
                    continue;
                }

                return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failovers);
                await Task.Delay(100 * (attempt + 1), cancellationToken);
            }
        }

        throw new InvalidOperationException($"{method} {path}: no node answered");
    }

    /// <summary>For measuring: checks the status and drains the body without parsing it, so the load
    /// generator spends as little of the shared CPU as it can.</summary>
    public async Task ExpectStatusAsync(HttpStatusCode expected, HttpMethod method, string path, string? token = null, Func<HttpContent>? content = null)
    {
        var node = nodes[Interlocked.Increment(ref _next) % nodes.Count];
        using var request = new HttpRequestMessage(method, new Uri(node.BaseAddress, path)) { Content = content?.Invoke() };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    public async Task<JsonNode> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, string? token = null, object? json = null,
        Func<HttpContent>? content = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(method, path, token, json, content, idempotencyKey, cancellationToken);
        if (status != expected)
        {
            throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)status}: {body?.ToJsonString()}");
        }

        return body ?? new JsonObject();
    }
}
