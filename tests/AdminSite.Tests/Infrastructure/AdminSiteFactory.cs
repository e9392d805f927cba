using System.Net;
using AdminSite.Data;
using AdminSite.Observability;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AdminSite.Tests.Infrastructure;

/// <summary>
/// The real site (Program and all) on its own SQLite file in a temporary folder, in the Production
/// environment so the production defaults are what the tests see.
/// </summary>
public sealed class AdminSiteFactory : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Bootstrap-Pass-42";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("admin-site-tests-");
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _kestrel;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="settings">Configuration on top of the test defaults (it wins over them).</param>
    /// <param name="kestrel">Listen on a real loopback port instead of the in-memory test server.</param>
    /// <param name="configure">Last changes to the host, e.g. another content root.</param>
    public AdminSiteFactory(IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IWebHostBuilder>? configure = null)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _kestrel = kestrel;
        _configure = configure;
        if (kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    public string DatabasePath => Path.Combine(_folder.FullName, "admin-site.db");

    public CommandCounter Commands { get; } = new();

    /// <summary>The Kestrel address (only with <c>kestrel: true</c>), e.g. http://127.0.0.1:41234.</summary>
    public Uri ServerAddress
    {
        get
        {
            if (!_kestrel)
            {
                throw new InvalidOperationException("This factory does not run Kestrel.");
            }

            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    /// <summary>The metrics listener's /metrics on loopback (it listens on every interface), once the site has started.</summary>
    public Uri MetricsAddress
    {
        get
        {
            EnsureStarted();
            var address = Services.GetRequiredService<MetricsServer>().Address
                ?? throw new InvalidOperationException("Metrics are off on this site (Metrics:Enabled=false).");
            return new UriBuilder(address) { Host = IPAddress.Loopback.ToString() }.Uri;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:SqlitePath", DatabasePath);
        builder.UseSetting("Bootstrap:AdminUserName", AdminUserName);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Many sites run side by side in the tests: each one's metrics listener takes a free port.
        builder.UseSetting("Metrics:Port", "0");
        if (_kestrel)
        {
            // The endpoint is the one UseKestrel listens on: ports an image sets (the .NET SDK's ASPNETCORE_HTTP_PORTS,
            // where the Jenkins agent runs these tests) would be a second address, which Kestrel overrides with a warning.
            builder.UseSetting(WebHostDefaults.HttpPortsKey, "");
            builder.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        }

        // Every test logs in from the same (absent) address; the throttle's own tests set a real limit.
        builder.UseSetting("Security:LoginRateLimit:PermitLimit", "1000000");
        // Keys encrypted at rest, as in production; a test that wants none sets CertificatePath to "".
        builder.UseSetting("DataProtection:CertificatePath", TestCertificates.PfxPath);
        builder.UseSetting("DataProtection:CertificatePassword", TestCertificates.Password);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteAdminDbContext>(options => options.AddInterceptors(Commands), AdminDbContextOptions.Lifetime);
            services.ConfigureDbContext<PostgresAdminDbContext>(options => options.AddInterceptors(Commands), AdminDbContextOptions.Lifetime);
            // Hashes stay real PBKDF2 (the count is stored in each hash), just cheaper: tests sign in hundreds of times.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        });
        _configure?.Invoke(builder);
    }

    public SiteClient CreateSiteClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A client whose cookies live in <paramref name="cookies"/>: one browser talking to several sites (replicas).</summary>
    public SiteClient CreateSiteClient(CookieContainer cookies) => new(CreateDefaultClient(new CookieContainerHandler(cookies)));

    /// <summary>A client talking to the Kestrel listener over a real loopback connection.</summary>
    public SiteClient CreateNetworkClient() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = ServerAddress });

    /// <summary>A site client already signed in as the bootstrap superuser.</summary>
    public async Task<SiteClient> SignedInAdminAsync()
    {
        var client = CreateSiteClient();
        await client.LogInAsync(AdminUserName, AdminPassword);
        return client;
    }

    public AsyncServiceScope Scope()
    {
        EnsureStarted();
        return Services.CreateAsyncScope();
    }

    /// <summary>Starts the site (migrations and bootstrap run then) on whichever server this factory uses.</summary>
    public void EnsureStarted()
    {
        if (_kestrel)
        {
            StartServer();
        }
        else
        {
            _ = Server;
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AdminDbContext, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<AdminDbContext>());
    }

    public async Task WithDbAsync(Func<AdminDbContext, Task> action)
    {
        await using var scope = Scope();
        await action(scope.ServiceProvider.GetRequiredService<AdminDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteCleanup();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteCleanup();
        }
    }

    private void SqliteCleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
