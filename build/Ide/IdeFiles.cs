using System.Text;
using System.Text.Json;
using BuildEngine;

namespace Ide;

/// <summary>
/// One-click targets for Rider, Visual Studio and VS Code without a plugin, written from the target definitions
/// in the same step as the schema, so a new or renamed target shows up in every IDE on the next run.
/// </summary>
public static class IdeFiles
{
    private const string BuildAssembly = "${workspaceFolder}/build/bin/Debug/net10.0/_build.dll";
    private const string CompileBuildTask = "Compile the build project";

    /// <summary>
    /// Rider and Visual Studio: one launch profile per listed target (debuggable with F5), one per parameters profile
    /// (the default target with <c>--profile</c>), and one that continues the default target's last failed run.
    /// </summary>
    public static string LaunchSettings(IEnumerable<TargetDefinition> targets, IReadOnlyList<string> profiles) => Json(json =>
    {
        json.WriteStartObject("profiles");
        var entries = targets.Select(target => (Name: target.Name, Arguments: target.Name))
            .Concat(profiles.Select(profile => (Name: $"--profile {profile}", Arguments: $"--profile {profile}")))
            .Append(("--continue", "--continue"));
        foreach (var (name, arguments) in entries)
        {
            json.WriteStartObject(name);
            json.WriteString("commandName", "Project");
            json.WriteString("commandLineArgs", arguments);
            // Expanded by Visual Studio and Rider; the build also finds the root by walking up to .nuke/.
            json.WriteString("workingDirectory", "$(ProjectDir)..");
            json.WriteEndObject();
        }
        json.WriteEndObject();
    });

    /// <summary>
    /// VS Code: a task per listed target (Test is the default test task, Compile the default build task), one that
    /// continues a failed run of a picked target, and with parameters profiles one that runs a target with one.
    /// </summary>
    public static string Tasks(IReadOnlyList<TargetDefinition> targets, string testTarget, string compileTarget, IReadOnlyList<string> profiles) => Json(json =>
    {
        json.WriteString("version", "2.0.0");
        json.WriteStartArray("tasks");
        foreach (var target in targets)
        {
            json.WriteStartObject();
            json.WriteString("label", target.Name);
            if (target.DescriptionText is { } description)
                json.WriteString("detail", description);
            json.WriteString("type", "shell");
            json.WriteString("command", $"./build.sh {target.Name}");
            json.WriteStartObject("windows");
            json.WriteString("command", $"./build.ps1 {target.Name}");
            json.WriteEndObject();
            if (target.Name == testTarget || target.Name == compileTarget)
            {
                json.WriteStartObject("group");
                json.WriteString("kind", target.Name == testTarget ? "test" : "build");
                json.WriteBoolean("isDefault", true);
                json.WriteEndObject();
            }
            json.WriteString("problemMatcher", "$msCompile");
            json.WriteEndObject();
        }
        WriteShellTask(json, "Continue a failed build", "Runs a target with --continue: what succeeded in its last run is skipped",
            "${input:target} --continue");
        if (profiles.Count > 0)
            WriteShellTask(json, "Run a target with a profile", "--profile: .nuke/parameters.<profile>.json over parameters.json", "${input:target} --profile ${input:profile}");
        json.WriteStartObject();
        json.WriteString("label", CompileBuildTask);
        json.WriteString("type", "process");
        json.WriteString("command", "dotnet");
        json.WriteStartArray("args");
        foreach (var argument in (string[])["build", "${workspaceFolder}/build/_build.csproj", "--nologo"])
            json.WriteStringValue(argument);
        json.WriteEndArray();
        json.WriteString("problemMatcher", "$msCompile");
        json.WriteEndObject();
        json.WriteEndArray();
        WriteInputs(json, targets, testTarget, profiles);
    });

    /// <summary>VS Code: debug the build with a target picked from the list, also with --continue or a profile.</summary>
    public static string Launch(IReadOnlyList<TargetDefinition> targets, string defaultTarget, IReadOnlyList<string> profiles) => Json(json =>
    {
        json.WriteString("version", "0.2.0");
        json.WriteStartArray("configurations");
        WriteDebugConfiguration(json, "Debug a build target", ["${input:target}"]);
        WriteDebugConfiguration(json, "Debug a build target with --continue", ["${input:target}", "--continue"]);
        if (profiles.Count > 0)
            WriteDebugConfiguration(json, "Debug a build target with a profile", ["${input:target}", "--profile", "${input:profile}"]);
        json.WriteEndArray();
        WriteInputs(json, targets, defaultTarget, profiles);
    });

    private static void WriteShellTask(Utf8JsonWriter json, string label, string detail, string arguments)
    {
        json.WriteStartObject();
        json.WriteString("label", label);
        json.WriteString("detail", detail);
        json.WriteString("type", "shell");
        json.WriteString("command", $"./build.sh {arguments}");
        json.WriteStartObject("windows");
        json.WriteString("command", $"./build.ps1 {arguments}");
        json.WriteEndObject();
        json.WriteString("problemMatcher", "$msCompile");
        json.WriteEndObject();
    }

    private static void WriteDebugConfiguration(Utf8JsonWriter json, string name, IReadOnlyList<string> arguments)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", "coreclr");
        json.WriteString("request", "launch");
        json.WriteString("preLaunchTask", CompileBuildTask);
        json.WriteString("program", BuildAssembly);
        json.WriteStartArray("args");
        foreach (var argument in arguments)
            json.WriteStringValue(argument);
        json.WriteEndArray();
        json.WriteString("cwd", "${workspaceFolder}");
        json.WriteString("console", "integratedTerminal");
        json.WriteBoolean("justMyCode", true);
        json.WriteEndObject();
    }

    private static void WriteInputs(Utf8JsonWriter json, IReadOnlyList<TargetDefinition> targets, string defaultTarget, IReadOnlyList<string> profiles)
    {
        json.WriteStartArray("inputs");
        WritePick(json, "target", "Target to run", targets.Select(target => target.Name).ToList(), defaultTarget);
        if (profiles.Count > 0)
            WritePick(json, "profile", "Parameters profile (.nuke/parameters.<profile>.json)", profiles, profiles[0]);
        json.WriteEndArray();
    }

    private static void WritePick(Utf8JsonWriter json, string id, string description, IReadOnlyList<string> options, string defaultOption)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("type", "pickString");
        json.WriteString("description", description);
        json.WriteStartArray("options");
        foreach (var option in options)
            json.WriteStringValue(option);
        json.WriteEndArray();
        json.WriteString("default", defaultOption);
        json.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
