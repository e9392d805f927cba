namespace E2E;

internal static class Startup
{
    /// <summary>Waits for a resource that was just started; if it never gets ready it is stopped, so nothing is left running.</summary>
    public static async Task<T> ReadyOrDisposed<T>(T resource, Func<Task> ready)
        where T : IAsyncDisposable
    {
        try
        {
            await ready();
            return resource;
        }
        catch
        {
            await resource.DisposeAsync();
            throw;
        }
    }
}
