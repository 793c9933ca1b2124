using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IdReissue.Web.Operations;

/// <summary>
/// `Network:TrustedProxies` (comma-separated addresses): only these may tell the service the client's
/// address and scheme (X-Forwarded-For/-Proto). The per-address limits and Secure cookies depend on it;
/// with none configured, forwarded headers are ignored, so nobody can choose their own address.
/// </summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app)
    {
        var proxies = (app.Configuration["Network:TrustedProxies"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (proxies.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        return app.UseForwardedHeaders(options);
    }
}
