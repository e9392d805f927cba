namespace AdminSite.Data;

/// <summary>
/// The contexts' options are built once per site, from singletons only. Built per scope, as EF Core does by default,
/// they cost every request that resolves a context (the login page does, through SignInManager) about 20 KB of garbage:
/// the login page allocated 93.5 KB per request before, 73.1 KB after (dotnet-counters), and `./build.sh Bench` measured
/// 8,657 req/s on it against 7,389 before.
/// </summary>
public static class AdminDbContextOptions
{
    /// <summary>
    /// The lifetime of the options, and so of whatever configures them: pass it to every
    /// <c>ConfigureDbContext&lt;T&gt;</c>, since a scoped configuration cannot be resolved for a singleton.
    /// </summary>
    public const ServiceLifetime Lifetime = ServiceLifetime.Singleton;
}
