using System.Net;
using System.Net.Sockets;

namespace InfoRadio.Controller.Tests.Support;

public static class FreePort
{
    /// <summary>A TCP port that was free a moment ago (MQTTnet cannot bind port 0 and report it).</summary>
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
