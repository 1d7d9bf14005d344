using System.Net;
using System.Net.Sockets;

namespace GlmMcp.Core.Tests.Rendering;

/// <summary>
/// A loopback TCP listener (HTTP, WebSocket, EventSource… all start with a TCP connection) and a UDP socket on the
/// same port (WebTransport's QUIC, WebRTC's STUN) that record whether anything reached them.
/// </summary>
internal sealed class LoopbackTrap : IDisposable
{
    private readonly TcpListener _tcp;
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _arrivals = [];

    public LoopbackTrap()
    {
        // The UDP socket picks the port, then TCP takes the same number; retry on the rare clash.
        for (var attempt = 0; ; attempt++)
        {
            _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
            try
            {
                _tcp = new TcpListener(IPAddress.Loopback, Port);
                _tcp.Start();
                break;
            }
            catch (SocketException) when (attempt < 20)
            {
                _udp.Dispose();
            }
        }
        _ = AcceptAsync();
        _ = ReceiveAsync();
    }

    public int Port { get; }

    /// <summary>What reached the trap: "tcp" per connection with the first bytes it sent, "udp" per datagram.</summary>
    public IReadOnlyList<string> Arrivals
    {
        get
        {
            lock (_arrivals)
                return _arrivals.ToArray();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _tcp.Stop();
        _udp.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
                _ = RecordAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task RecordAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[200];
            var read = 0;
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                wait.CancelAfter(TimeSpan.FromSeconds(2));
                read = await client.GetStream().ReadAsync(buffer, wait.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // A connection that sends nothing (a preconnect) still counts.
            }
            lock (_arrivals)
                _arrivals.Add("tcp: " + System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split('\r')[0]);
        }
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var datagram = await _udp.ReceiveAsync(_stop.Token);
                lock (_arrivals)
                    _arrivals.Add($"udp: {datagram.Buffer.Length} bytes");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
