using BuildEngine;

namespace ChartDocs;

/// <summary>
/// The chart's generated files: values.schema.json and README.md's parameter table, both from values.yaml's
/// `## @param` / `## @schema` comments plus values.schema.fragment.yaml. Local builds rewrite them; server
/// builds fail while the committed ones are stale (see <see cref="GeneratedFile"/>).
/// </summary>
public static class ChartDocumentation
{
    public const string RegenerateCommand = "./build.sh --help";

    public static IEnumerable<GeneratedFile> GeneratedFiles(AbsolutePath chart)
    {
        // A checkout without the chart (the build's own tests run in bare folders) has nothing to generate.
        if (!(chart / "values.yaml").FileExists())
            yield break;
        var values = ChartValues.Parse(File.ReadAllText(chart / "values.yaml"), "chart/values.yaml");
        var fragment = SchemaFragment.Parse(File.ReadAllText(chart / "values.schema.fragment.yaml"), "chart/values.schema.fragment.yaml");
        yield return new GeneratedFile(chart / "values.schema.json", ValuesSchema.Write(values, fragment), RegenerateCommand);
        yield return new GeneratedFile(chart / "README.md", ParameterTable.UpdateReadme(File.ReadAllText(chart / "README.md"), values), RegenerateCommand);
    }
}
