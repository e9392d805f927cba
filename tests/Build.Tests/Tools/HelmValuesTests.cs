using System.Text.Json.Nodes;
using Tools;

namespace BuildTests.Tools;

/// <summary>The build's own values go to helm as JSON, each string escaped (real helm reads them in HelmValuesInjectionTests).</summary>
public class HelmValuesTests
{
    [Test]
    public void Dotted_paths_nest_and_every_value_stays_one_string()
    {
        const string nasty = "a,b=c\n[0]\"'\\ é";

        var json = new HelmValues().Set("image.repository", nasty).Set("image.digest", "d").Set("top", "t").ToJson();

        var values = JsonNode.Parse(json)!.AsObject();
        values.Select(pair => pair.Key).Should().Equal("image", "top");
        values["image"]!["repository"]!.GetValue<string>().Should().Be(nasty);
        values["image"]!["digest"]!.GetValue<string>().Should().Be("d");
        json.Should().Contain(@"a,b=c\n[0]\""'\\ é", "newline, quote and backslash are escaped; the rest needs no escape in JSON");
    }
}
