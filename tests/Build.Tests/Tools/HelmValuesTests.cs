using System.Text.Json.Nodes;
using Tools;

namespace BuildTests.Tools;

/// <summary>The build's own values go to helm as JSON, each string escaped (real helm reads them in HelmValuesInjectionTests).</summary>
public class HelmValuesTests
{
    private const string Nasty = "a,b=c\n[0]\"'\\ é 😀 \u0001\u2028";

    [Test]
    public void Dotted_paths_nest_and_every_value_reads_back_as_it_was()
    {
        var json = new HelmValues().Set("image.repository", Nasty).Set("image.digest", "d").Set("top", "t").ToJson();

        var values = JsonNode.Parse(json)!.AsObject();
        values.Select(pair => pair.Key).Should().Equal("image", "top");
        values["image"]!["repository"]!.GetValue<string>().Should().Be(Nasty);
        values["image"]!["digest"]!.GetValue<string>().Should().Be("d");
    }

    [Test]
    public void Quotes_backslashes_and_what_yaml_would_change_are_escaped_the_rest_written_as_it_is()
    {
        var json = new HelmValues().Set("value", Nasty).ToJson();

        json.Should().Be("{\n  \"value\": \"a,b=c\\n[0]\\\"'\\\\ é 😀 \\u0001\\u2028\"\n}");
    }
}
