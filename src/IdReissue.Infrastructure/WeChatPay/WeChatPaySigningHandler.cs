using System.Net.Http.Headers;

namespace IdReissue.Infrastructure.WeChatPay;

/// <summary>
/// Signs every attempt of a request to WeChat Pay afresh (it sits inside the resilience handler, so a
/// retry carries a new timestamp and nonce) and refuses a successful response whose signature does not
/// verify against the platform key, so a forged "paid" can never come back from a query.
/// </summary>
public sealed class WeChatPaySigningHandler(WeChatPayCredentials credentials, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue(WeChatPayCredentials.Scheme,
            credentials.Authorization(request.Method.Method, request.RequestUri!.PathAndQuery, body, time.GetUtcNow()));
        request.Headers.Accept.ParseAdd("application/json");

        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            if (credentials.Verify(headers, content, time.GetUtcNow()) is { } problem)
            {
                response.Dispose();
                throw new WeChatPayException($"response refused: {problem}", null);
            }
        }

        return response;
    }
}

/// <summary>WeChat Pay answered with an error or an answer that could not be trusted. The message holds its code, never a credential.</summary>
public sealed class WeChatPayException(string message, string? code) : Exception(message)
{
    public string? Code { get; } = code;
}
