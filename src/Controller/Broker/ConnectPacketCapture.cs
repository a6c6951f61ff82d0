using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// MQTTnet 5.2's <see cref="ValidatingConnectionEventArgs"/> does not expose the Last Will of the CONNECT packet,
/// yet the ACL must refuse a device whose Will points at another device's topic before it is accepted (otherwise
/// its disconnect would announce a forged state). This server adapter wraps each accepted connection so that the
/// CONNECT packet it reads first is kept, and the validation handler finds it through
/// <see cref="ValidatingConnectionEventArgs.ChannelAdapter"/>. Everything else is passed straight through.
/// </summary>
internal sealed class ConnectCapturingServerAdapter(IMqttServerAdapter inner) : IMqttServerAdapter
{
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        inner.ClientHandler = channel =>
            ClientHandler is { } handler ? handler(new ConnectCapturingChannelAdapter(channel)) : Task.CompletedTask;
        return inner.StartAsync(options, logger);
    }

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}

/// <summary>Passes every call to the real channel and remembers the first packet if it is CONNECT.</summary>
internal sealed class ConnectCapturingChannelAdapter(IMqttChannelAdapter inner) : IMqttChannelAdapter
{
    private volatile bool _firstPacketSeen;

    /// <summary>The CONNECT packet the client opened with, once it has been read.</summary>
    public MqttConnectPacket? ConnectPacket { get; private set; }

    public long BytesReceived => inner.BytesReceived;
    public long BytesSent => inner.BytesSent;
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;
    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);
    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);
    public void ResetStatistics() => inner.ResetStatistics();
    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);
    public void Dispose() => inner.Dispose();

    // After the first packet this is a plain pass-through, so the per-packet cost is one extra call.
    public Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken) =>
        _firstPacketSeen ? inner.ReceivePacketAsync(cancellationToken) : ReceiveFirstAsync(cancellationToken);

    private async Task<MqttPacket> ReceiveFirstAsync(CancellationToken cancellationToken)
    {
        var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        if (packet is not null)
        {
            ConnectPacket = packet as MqttConnectPacket;
            _firstPacketSeen = true;
        }
        return packet!;
    }
}
