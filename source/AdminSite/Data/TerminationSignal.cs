using System.Runtime.InteropServices;

namespace AdminSite.Data;

/// <summary>
/// SIGTERM, SIGINT and SIGQUIT as a cancellation token while the database is migrated. Migrations run before the
/// host does (in <c>migrate</c>, and as the site starts), when the runtime's default for these signals is to end the
/// process on the spot: in the middle of a migration, with its lock held. A second signal is left to that default,
/// so a stuck clean-up can still be interrupted.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
    private readonly CancellationTokenSource _received = new();
    private readonly PosixSignalRegistration[] _registrations;

    public TerminationSignal() =>
        _registrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];

    public CancellationToken Token => _received.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _received.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_received.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _received.Cancel();
    }
}
