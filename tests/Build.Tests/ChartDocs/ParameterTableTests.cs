using ChartDocs;

namespace BuildTests.ChartDocs;

/// <summary>README.md's value table: a row per documented value, groups left to their keys, between the markers only.</summary>
public class ParameterTableTests
{
    private static readonly ChartValues _values = ChartValues.Parse("""
        ## @param image The image.
        image:
          ## @param image.tag A tag, e.g. `a|b` or <release>.
          tag: ""
        ## @param resources Requests | limits.
        resources:
          limits:
            cpu: "1"
        ## @param replicas How many.
        replicas: 2
        """);

    [Test]
    public void Rows_follow_values_yaml_with_json_defaults_and_escaped_cells() =>
        ParameterTable.Markdown(_values).Should().Be("""
            | Key | Description | Default |
            |---|---|---|
            | `image.tag` | A tag, e.g. `a\|b` or &lt;release&gt;. | `""` |
            | `resources` | Requests \| limits. | `{"limits":{"cpu":"1"}}` |
            | `replicas` | How many. | `2` |

            """);

    [Test]
    public void Only_the_text_between_the_markers_is_replaced()
    {
        var readme = $"# Chart\n\n{ParameterTable.Begin}\nstale\n{ParameterTable.End}\n\nMore.\n";

        var updated = ParameterTable.UpdateReadme(readme, _values);

        updated.Should().Be($"# Chart\n\n{ParameterTable.Begin}\n{ParameterTable.Markdown(_values)}{ParameterTable.End}\n\nMore.\n");
        ParameterTable.UpdateReadme(updated, _values).Should().Be(updated);
    }

    [Test]
    public void A_readme_without_markers_fails_saying_where_the_table_goes()
    {
        var update = () => ParameterTable.UpdateReadme("# Chart\n", _values, "chart/README.md");

        update.Should().Throw<ChartDocsException>().WithMessage($"chart/README.md needs the lines '{ParameterTable.Begin}' and '{ParameterTable.End}'*");
    }
}
