using BuildEngine;
using Tools;

namespace E2E;

/// <summary>One replica of the published site, on its own loopback port, as a pod would run it.</summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private BackgroundProcess? _process;

    public SiteProcess(string name, AbsolutePath application, int port, IReadOnlyDictionary<string, string?> environment, AbsolutePath logDirectory)
    {
        Name = name;
        Application = application;
        Port = port;
        Environment = environment;
        LogDirectory = logDirectory;
    }

    public string Name { get; }
    public AbsolutePath Application { get; private set; }
    public int Port { get; }
    public IReadOnlyDictionary<string, string?> Environment { get; }
    public AbsolutePath LogDirectory { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <remarks>Replicas share the machine, so each metrics listener takes a free port instead of 9090.</remarks>
    public async Task Start(CancellationToken cancellation = default)
    {
        var log = LogDirectory / $"{Name}-{Path.GetFileName(Application.Parent.Value)}-{Path.GetFileName(Application)}.log";
        _process = BackgroundProcess.Start(Name, new ToolCommand("dotnet", [Application / "AdminSite.dll", "--urls", Url, "--Metrics:Port=0"])
        {
            WorkingDirectory = Application,
            Environment = Environment,
        }, log);
        using var probe = new SiteProbe(Url);
        await _process.WaitUntil(probe.IsHealthy, TimeSpan.FromSeconds(60), cancellation);
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod: in-flight requests finish, then the process exits.</summary>
    public async Task Stop()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>Stops this replica and starts it again from another build of the site.</summary>
    public async Task Replace(AbsolutePath application, CancellationToken cancellation = default)
    {
        await Stop();
        Application = application;
        await Start(cancellation);
    }

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
