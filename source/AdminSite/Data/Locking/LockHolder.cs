namespace AdminSite.Data.Locking;

/// <summary>Who holds the migration lock and since when, as a waiting process reports it.</summary>
public sealed record LockHolder(string Description, DateTimeOffset Since)
{
    public override string ToString() => $"{Description}, since {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
}

/// <summary>The migration lock stayed with a live holder for longer than the configured wait.</summary>
public sealed class MigrationLockTimeoutException(LockHolder holder, TimeSpan timeout)
    : Exception($"Gave up after waiting {timeout.TotalSeconds:0} s for the migration lock, held by {holder}. " +
                "Let that migration finish and start again, or allow a longer wait with Database__MigrationLockTimeoutSeconds.")
{
    public LockHolder Holder { get; } = holder;
}

/// <summary>Another process took the lock over while this one was migrating (it had stopped renewing it).</summary>
public sealed class MigrationLockLostException(string message) : Exception(message);
