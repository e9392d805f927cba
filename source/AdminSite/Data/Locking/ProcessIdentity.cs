using System.Diagnostics;
using System.Globalization;

namespace AdminSite.Data.Locking;

/// <summary>
/// A process as a lock holder names it, precisely enough to tell later whether that very process still runs.
/// A pid alone is not: pids are reused, and in containers every pod's first process is pid 1. So the start
/// time goes with it, and the process space the pid belongs to (on Linux the boot and the pid namespace):
/// only a waiter in the same space can look the pid up at all; any other must go by the holder's heartbeat.
/// </summary>
internal sealed record ProcessIdentity(string Host, int ProcessId, string StartedAt, string ProcessSpace)
{
    public static ProcessIdentity Current { get; } = OfCurrentProcess();

    /// <summary>True while that process runs, false once it is gone, null when it cannot be told from here.</summary>
    public bool? IsRunning()
    {
        if (ProcessSpace != Current.ProcessSpace)
        {
            return null;
        }

        try
        {
            return StartTimeOf(ProcessId) == StartedAt;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A /proc mounted with hidepid shows other users' processes to nobody.
            return null;
        }
    }

    public override string ToString() => $"process {ProcessId} on {Host}";

    private static ProcessIdentity OfCurrentProcess() =>
        new(Environment.MachineName, Environment.ProcessId, StartTimeOf(Environment.ProcessId) ?? "", CurrentProcessSpace());

    private static string CurrentProcessSpace()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.MachineName;
        }

        try
        {
            var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            var pidNamespace = new FileInfo("/proc/self/ns/pid").LinkTarget ?? "";
            return $"{boot} {pidNamespace}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A space of its own that no other process shares: its holders are then judged by their heartbeat.
            return Guid.NewGuid().ToString("N");
        }
    }

    /// <summary>An opaque token that is the same every time it is read for one process, or null when no such process runs.</summary>
    private static string? StartTimeOf(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                return process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        // "pid (command) state ppid ... starttime ...": the command may hold spaces and parentheses, so fields are
        // counted from the last ')'. The state is field 3, the start time (ticks since boot) field 22. A zombie has
        // ended: only its exit status waits to be collected.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[0] == "Z" ? null : fields[19];
    }
}
