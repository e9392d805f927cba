using BuildEngine;
using Tools;

namespace E2E;

/// <summary>
/// nginx on 127.0.0.1 spreading requests round-robin over the replicas, standing in for the AWS load balancer in
/// front of the Service: a replica that refuses connections is skipped and idempotent requests are retried.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private readonly BackgroundProcess _process;

    private NginxBalancer(BackgroundProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    public static async Task<NginxBalancer> Start(IEnumerable<int> upstreamPorts, AbsolutePath directory, CancellationToken cancellation = default)
    {
        var port = FreePort.Next();
        Directory.CreateDirectory(directory);
        var servers = string.Join("\n", upstreamPorts.Select(upstream => $"        server 127.0.0.1:{upstream} max_fails=1 fail_timeout=2s;"));
        var config = directory / "nginx.conf";
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            pid {{directory / "nginx.pid"}};
            error_log {{directory / "error.log"}} warn;
            events { worker_connections 1024; }
            http {
                access_log {{directory / "access.log"}};
                client_body_temp_path {{directory / "client_body"}};
                proxy_temp_path {{directory / "proxy"}};
                fastcgi_temp_path {{directory / "fastcgi"}};
                uwsgi_temp_path {{directory / "uwsgi"}};
                scgi_temp_path {{directory / "scgi"}};
                upstream admin_site {
            {{servers}}
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://admin_site;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """, cancellation);

        var process = BackgroundProcess.Start("nginx", new ToolCommand("nginx", ["-p", directory, "-c", config, "-g", "daemon off; user root;"])
        {
            MissingHint = "apt-get install nginx",
        }, directory / "nginx.out.log");
        var balancer = new NginxBalancer(process, port);
        using var probe = new SiteProbe(balancer.Url);
        return await Startup.ReadyOrDisposed(balancer, () => process.WaitUntil(probe.IsHealthy, TimeSpan.FromSeconds(30), cancellation));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
