using System.Text;
using System.Text.Json;
using IdReissue.Infrastructure.Sandbox;

namespace IdReissue.Web.Tests;

/// <summary>What the sandbox gateways push to the service, built and signed as they do, for tests that act as the gateway.</summary>
public static class SandboxMessages
{
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A payment gateway's notice for an order ("SUCCESS" or "PAYERROR"); a fresh notification id unless given.</summary>
    public static string PaymentNotice(string orderNumber, string state, long amountFen, string? notificationId = null) =>
        JsonSerializer.Serialize(new SandboxPaymentNotice(notificationId ?? Guid.NewGuid().ToString(), DateTimeOffset.UtcNow,
            state == "SUCCESS" ? "TRANSACTION.SUCCESS" : "TRANSACTION.PAYERROR",
            new SandboxPaymentResource(orderNumber, "SBX-T-" + Guid.NewGuid().ToString("N"), state, new SandboxAmount(amountFen, "CNY"), DateTimeOffset.UtcNow)), Wire);

    /// <summary>The signature headers the sandbox gateways send with <paramref name="body"/>.</summary>
    public static Dictionary<string, string> Sign(byte[] signingKey, string body, DateTimeOffset? at = null)
    {
        var signer = new SandboxSigner();
        signer.UseKey(signingKey);
        return signer.Sign(body, at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Posts <paramref name="body"/> with the given headers, as a gateway calls back.</summary>
    public static Task<HttpResponseMessage> PostAsync(Api api, string path, string body, IDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return api.Http.SendAsync(request);
    }
}
