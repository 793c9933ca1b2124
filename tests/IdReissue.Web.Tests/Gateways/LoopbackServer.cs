using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>A gateway simulator's own Kestrel server on 127.0.0.1 and a free port, for the service to call over real HTTP.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static LoopbackServer Start(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        app.StartAsync().GetAwaiter().GetResult();
        return new LoopbackServer(app, new Uri(app.Urls.First()));
    }

    /// <summary>Answers nothing until the caller abandons the request (or, as a backstop, two minutes pass): a lost
    /// answer whose length is the caller's own timeout, not a fixed stall that races it.</summary>
    public static async Task HoldUntilAbandoned(HttpContext http)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(2), http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
