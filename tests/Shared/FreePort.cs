using System.Net;
using System.Net.Sockets;

namespace InfoRadio.Testing;

/// <summary>Shared by every test project (linked source).</summary>
public static class FreePort
{
    /// <summary>A loopback TCP port that was free a moment ago (MQTTnet cannot bind port 0 and report it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
