using System.Text.Json.Nodes;
using ChartDocs;

namespace BuildTests.ChartDocs;

/// <summary>How values.yaml's defaults and comments, plus the fragment, become values.schema.json.</summary>
public class ValuesSchemaTests
{
    private static readonly SchemaFragment _fragment = SchemaFragment.Parse("""
        title: test values
        allOf:
          - {if: {properties: {a: {const: 1}}}, then: {required: [b]}}
        definitions:
          name: {pattern: '^[a-z]+$', maxLength: 9}
          probe: {additionalProperties: false, properties: {enabled: {type: boolean}, exec: {type: object, $ref: '#/definitions/open'}}}
          open: {additionalProperties: true}
        """);

    [Test]
    public void Scalars_get_their_default_type_description_and_keywords()
    {
        var schema = Schema("""
            ## @param text A text.
            ## @schema minLength: 1
            text: hi
            ## @param count A count.
            count: 3
            ## @param ratio A ratio.
            ratio: 0.5
            ## @param on A switch.
            on: false
            ## @param quoted Quoted numbers are strings.
            quoted: "1"
            ## @param list A list.
            list: []
            """);

        Property(schema, "text").Should().Be("""{"description":"A text.","type":"string","minLength":1}""");
        Property(schema, "count").Should().Be("""{"description":"A count.","type":"integer"}""");
        Property(schema, "ratio").Should().Be("""{"description":"A ratio.","type":"number"}""");
        Property(schema, "on").Should().Be("""{"description":"A switch.","type":"boolean"}""");
        Property(schema, "quoted").Should().Be("""{"description":"Quoted numbers are strings.","type":"string"}""");
        Property(schema, "list").Should().Be("""{"description":"A list.","type":"array"}""");
    }

    [Test]
    public void The_root_is_draft_07_closed_requires_every_key_and_carries_the_fragment()
    {
        var schema = Schema("## @param a A.\na: 1\n## @param b B.\nb: x\n");

        schema["$schema"]!.ToString().Should().Be(ValuesSchema.Draft07);
        schema["title"]!.ToString().Should().Be("test values");
        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
        schema["required"]!.ToJsonString().Should().Be("""["a","b"]""");
        schema["allOf"]!.ToJsonString().Should().Be("""[{"if":{"properties":{"a":{"const":1}}},"then":{"required":["b"]}}]""");
    }

    [Test]
    public void A_mapping_whose_keys_have_params_is_a_closed_group_requiring_them()
    {
        var schema = Schema("""
            ## @param image The image.
            image:
              ## @param image.tag A tag.
              tag: ""
            """);

        Property(schema, "image").Should().Be("""{"description":"The image.","type":"object","additionalProperties":false""" +
            ""","required":["tag"],"properties":{"tag":{"description":"A tag.","type":"string"}}}""");
    }

    [Test]
    public void A_mapping_documented_as_a_whole_is_one_value_open_unless_its_schema_closes_it()
    {
        var schema = Schema("""
            ## @param annotations Annotations.
            ## @schema additionalProperties: {type: string}
            annotations: {}
            ## @param probe A probe.
            ## @schema $ref: '#/definitions/probe'
            probe:
              enabled: true
            ## @param limits Limits.
            ## @schema additionalProperties: false, required: []
            limits:
              cpu: 1
            """);

        Property(schema, "annotations").Should().Be("""{"description":"Annotations.","type":"object","additionalProperties":{"type":"string"}}""");
        Property(schema, "probe").Should().Be("""{"description":"A probe.","type":"object","additionalProperties":false,"required":["enabled"]""" +
            ""","properties":{"enabled":{"type":"boolean"},"exec":{"type":"object","additionalProperties":true}}}""");
        Property(schema, "limits").Should().Be("""{"description":"Limits.","type":"object","additionalProperties":false}""");
    }

    [Test]
    public void A_ref_is_replaced_by_its_definition_and_the_keywords_beside_it_win() =>
        Property(Schema("## @param n A name.\n## @schema $ref: '#/definitions/name', maxLength: 5\nn: abc\n"), "n")
            .Should().Be("""{"description":"A name.","type":"string","pattern":"^[a-z]+$","maxLength":5}""");

    [TestCase("## @param a A.\na: 1\nb: 2\n", "values.yaml: b need a '## @param <path> <description>' comment")]
    [TestCase("## @param g G.\ng:\n  ## @param g.x X.\n  x: 1\n  y: 2\n", "values.yaml: g.y need a '## @param")]
    [TestCase("## @param a A.\na: 1\n## @param c C.\n", "values.yaml:3: '## @param c' names no key of values.yaml.")]
    [TestCase("## @param a A.\na:\n", "values.yaml:1: a has no default to take a type from: add '## @schema type: ...'.")]
    [TestCase("## @param a A.\n## @schema $ref: '#/definitions/nope'\na: 1\n", "$ref '#/definitions/nope' names no definition in values.schema.fragment.yaml")]
    public void Values_the_generator_cannot_type_fail_saying_what_to_write(string yaml, string message)
    {
        var generate = () => Schema(yaml);

        generate.Should().Throw<ChartDocsException>().Which.Message.Should().StartWith(message);
    }

    [Test]
    public void A_definition_that_refers_to_itself_fails()
    {
        var parse = () => SchemaFragment.Parse("definitions:\n  loop: {items: {$ref: '#/definitions/loop'}}\nproperties: {x: {$ref: '#/definitions/loop'}}\n");

        parse.Should().Throw<ChartDocsException>().WithMessage("*definition 'loop' refers to itself*");
    }

    [Test]
    public void The_output_is_indented_json_keeping_patterns_readable() =>
        ValuesSchema.Write(ChartValues.Parse("## @param a A.\n## @schema pattern: '^a+<b>&c$'\na: x\n"), _fragment)
            .Should().Contain("\"pattern\": \"^a+<b>&c$\"").And.EndWith("}\n");

    private static JsonObject Schema(string yaml) => ValuesSchema.Build(ChartValues.Parse(yaml), _fragment);

    private static string Property(JsonObject schema, string name) =>
        schema["properties"]![name]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
