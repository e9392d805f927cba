using System.Globalization;
using BuildEngine;

namespace E2E;

/// <summary>
/// What the kernel says about a container's main process (<c>/proc/&lt;pid&gt;</c> on the host), whatever the
/// engine reports: its user, its capabilities, whether it can gain privileges, and how its root is mounted.
/// </summary>
internal static class ContainerProcess
{
    public static string CheckLockedDown(int pid, int expectedUid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status")
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        var uids = status["Uid"].Split('\t', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var root = File.ReadLines($"/proc/{pid}/mountinfo").Select(line => line.Split(' ')).First(fields => fields[4] == "/");
        var problems = new List<string>();
        if (uids.Any(uid => uid != expectedUid) || expectedUid == 0)
            problems.Add($"runs as uid {status["Uid"]}, expected {expectedUid} (non-root) for real, effective, saved and file system uid");
        if (ulong.Parse(status["CapEff"], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != 0)
            problems.Add($"has effective capabilities {status["CapEff"]}, expected none (drop: ALL)");
        if (status["NoNewPrivs"] != "1")
            problems.Add("may gain privileges (NoNewPrivs is not set: allowPrivilegeEscalation: false was not applied)");
        if (status["Seccomp"] != "2")
            problems.Add($"runs without a seccomp filter (Seccomp: {status["Seccomp"]}, expected 2: seccompProfile RuntimeDefault)");
        if (!root[5].Split(',').Contains("ro"))
            problems.Add($"has its root file system mounted {root[5]}, expected ro");
        return problems.Count == 0
            ? $"uid {expectedUid}, no capabilities, no new privileges, seccomp filter, root file system mounted {root[5]}"
            : throw new BuildFailedException($"The site's process (pid {pid}) " + string.Join("; ", problems) + ".");
    }
}
