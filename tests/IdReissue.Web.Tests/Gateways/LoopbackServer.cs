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
    private readonly Outage _outage;

    private LoopbackServer(WebApplication app, Uri baseUrl, Outage outage)
    {
        _app = app;
        BaseUrl = baseUrl;
        _outage = outage;
    }

    public Uri BaseUrl { get; }

    /// <summary>While true, the provider is down: every connection is dropped before an answer, as by a provider's outage.</summary>
    public bool Down
    {
        get => _outage.Down;
        set => _outage.Down = value;
    }

    /// <summary>Requests that came while <see cref="Down"/>: the caller's retries.</summary>
    public int RequestsWhileDown => _outage.Dropped;

    public static LoopbackServer Start(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var outage = new Outage();
        app.Use(async (http, next) =>
        {
            if (outage.Down)
            {
                outage.Drop();
                http.Abort();
                return;
            }

            await next(http);
        });
        map(app);
        app.StartAsync().GetAwaiter().GetResult();
        return new LoopbackServer(app, new Uri(app.Urls.First()), outage);
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

    private sealed class Outage
    {
        private int _dropped;
        private bool _down;

        public bool Down
        {
            get => Volatile.Read(ref _down);
            set => Volatile.Write(ref _down, value);
        }

        public int Dropped => Volatile.Read(ref _dropped);

        public void Drop() => Interlocked.Increment(ref _dropped);
    }
}
