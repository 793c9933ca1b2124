using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>The base address the sandbox gateways call the service back on.</summary>
public interface ISandboxCallbackTarget
{
    Uri BaseAddress { get; }
}

/// <summary>Uses the configured URL, else the first address the server listens on (a wildcard host becomes loopback).</summary>
public sealed class ServerCallbackTarget(IServer server, IOptions<SandboxOptions> options) : ISandboxCallbackTarget
{
    public Uri BaseAddress
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.CallbackBaseUrl))
            {
                return new Uri(options.Value.CallbackBaseUrl);
            }

            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? "http://localhost:8080";
            var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                uri.Host = "localhost";
            }

            return uri.Uri;
        }
    }
}
