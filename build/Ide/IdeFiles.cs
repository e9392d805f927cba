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

    /// <summary>Rider and Visual Studio: one launch profile per listed target (debuggable with F5).</summary>
    public static string LaunchSettings(IEnumerable<TargetDefinition> targets) => Json(json =>
    {
        json.WriteStartObject("profiles");
        foreach (var target in targets)
        {
            json.WriteStartObject(target.Name);
            json.WriteString("commandName", "Project");
            json.WriteString("commandLineArgs", target.Name);
            // Expanded by Visual Studio and Rider; the build also finds the root by walking up to .nuke/.
            json.WriteString("workingDirectory", "$(ProjectDir)..");
            json.WriteEndObject();
        }
        json.WriteEndObject();
    });

    /// <summary>VS Code: a task per listed target; Test is the default test task, Compile the default build task.</summary>
    public static string Tasks(IEnumerable<TargetDefinition> targets, string testTarget, string compileTarget) => Json(json =>
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
    });

    /// <summary>VS Code: debug the build with a target picked from the list.</summary>
    public static string Launch(IEnumerable<TargetDefinition> targets, string defaultTarget) => Json(json =>
    {
        json.WriteString("version", "0.2.0");
        json.WriteStartArray("configurations");
        json.WriteStartObject();
        json.WriteString("name", "Debug a build target");
        json.WriteString("type", "coreclr");
        json.WriteString("request", "launch");
        json.WriteString("preLaunchTask", CompileBuildTask);
        json.WriteString("program", BuildAssembly);
        json.WriteStartArray("args");
        json.WriteStringValue("${input:target}");
        json.WriteEndArray();
        json.WriteString("cwd", "${workspaceFolder}");
        json.WriteString("console", "integratedTerminal");
        json.WriteBoolean("justMyCode", true);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("inputs");
        json.WriteStartObject();
        json.WriteString("id", "target");
        json.WriteString("type", "pickString");
        json.WriteString("description", "Target to run");
        json.WriteStartArray("options");
        foreach (var target in targets)
            json.WriteStringValue(target.Name);
        json.WriteEndArray();
        json.WriteString("default", defaultTarget);
        json.WriteEndObject();
        json.WriteEndArray();
    });

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
