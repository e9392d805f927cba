namespace E2E;

/// <summary>Ports for what the rehearsal starts on loopback: the registry, PostgreSQL, nginx, the site's replicas.</summary>
internal static class FreePort
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
