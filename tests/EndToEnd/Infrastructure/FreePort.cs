using System.Net;
using System.Net.Sockets;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A TCP port free at the moment of asking (MQTTnet cannot bind port 0 and report it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
