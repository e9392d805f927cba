using System.Runtime.InteropServices;

namespace Tools;

/// <summary>The user the build runs as (libc): AgentTest hands its ids to the container; installs need root.</summary>
public static class UnixUser
{
    public static int Id => (int)GetUid();
    public static int GroupId => (int)GetGid();
    public static bool IsRoot => GetUid() == 0;

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();

    [DllImport("libc", EntryPoint = "getgid")]
    private static extern uint GetGid();
}
