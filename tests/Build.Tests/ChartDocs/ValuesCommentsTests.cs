using System.Text.Json.Nodes;
using ChartDocs;

namespace BuildTests.ChartDocs;

/// <summary>`## @param` and `## @schema` comments of values.yaml: what they say, and clear errors when they are malformed.</summary>
public class ValuesCommentsTests
{
    [Test]
    public void A_param_line_and_the_double_hash_lines_under_it_are_the_description()
    {
        var annotation = ValuesComments.Read("""
            # a free comment
            ## @param image.digest Pins the image;
            ## when set it wins.
            ## @schema pattern: '^(sha256:[a-f0-9]{64})?$'
            image:
              digest: ""
            """, "values.yaml").Single();

        annotation.Should().BeEquivalentTo(new { Path = "image.digest", Description = "Pins the image; when set it wins.", Line = 2 });
        annotation.Schema.ToJsonString().Should().Be("""{"pattern":"^(sha256:[a-f0-9]{64})?$"}""");
    }

    [Test]
    public void Schema_lines_merge_in_order_and_later_keywords_win()
    {
        var schema = ValuesComments.Read("""
            ## @param a What a is.
            ## @schema minimum: 1, items: {type: string}
            ## @schema minimum: 2, items: {minLength: 1}
            a: 3
            """, "values.yaml").Single().Schema;

        JsonNode.DeepEquals(schema, JsonNode.Parse("""{"minimum":2,"items":{"type":"string","minLength":1}}""")).Should().BeTrue(schema.ToJsonString());
    }

    [Test]
    public void A_hash_inside_a_quoted_value_is_no_comment() =>
        ValuesComments.Read("""
            ## @param a What a is.
            a: "## @param b not a comment"
            """, "values.yaml").Select(annotation => annotation.Path).Should().Equal("a");

    [TestCase("## @schema minimum: 1\na: 1", "values.yaml:1: '## @schema minimum: 1' belongs to no '## @param' line right above it")]
    [TestCase("## @param a What.\na: 1\n## stray\nb: 2", "values.yaml:3: '## stray' belongs to no '## @param'")]
    [TestCase("## @param a\na: 1", "values.yaml:1: '@param a' has no description")]
    [TestCase("## @param a What.\n## @section Other\na: 1", "values.yaml:2: Unknown annotation '@section'")]
    [TestCase("## @param a What.\n## @schema pattern: [a-z\na: x", "values.yaml:2: '@schema pattern: [a-z' is not a YAML flow mapping body")]
    [TestCase("## @param a What.\na: 1\n## @param a Again.\nb: 1", "values.yaml:3: a has a second '## @param'")]
    public void Malformed_comments_fail_naming_the_line(string yaml, string message)
    {
        var read = () => ValuesComments.Read(yaml, "values.yaml");

        read.Should().Throw<ChartDocsException>().Which.Message.Should().StartWith(message);
    }
}
