using System.Net;
using System.Net.Sockets;

namespace IdReissue.Web.Tests.Faults;

/// <summary>
/// A TCP forwarder between the service and PostgreSQL that a test can cut: <see cref="Cut"/> closes every
/// open connection (what a restarting server does to its clients) and refuses new ones, <see cref="Restore"/>
/// listens again on the same port. The service's own Npgsql sees exactly what it sees when the server goes away.
/// </summary>
public sealed class DatabaseLink : IAsyncDisposable
{
    private readonly DnsEndPoint _server;
    private readonly List<(TcpClient Client, TcpClient Server)> _open = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public DatabaseLink(string host, int port)
    {
        _server = new DnsEndPoint(host, port);
        Port = Listen(0);
    }

    /// <summary>The loopback port the service connects to instead of the server's.</summary>
    public int Port { get; }

    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var (client, server) in _open)
            {
                client.Dispose();
                server.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                Listen(Port);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting.ConfigureAwait(false);
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_server.Host, _server.Port).ConfigureAwait(false);
            lock (_gate)
            {
                if (_listener is null)
                {
                    throw new IOException("cut while connecting");
                }

                _open.Add((client, server));
            }

            var up = client.GetStream().CopyToAsync(server.GetStream());
            var down = server.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The link was cut, or one side went away: the other side sees its connection closed.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove((client, server));
            }

            client.Dispose();
            server.Dispose();
        }
    }
}
