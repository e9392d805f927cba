using AdminSite.Pages.Admin.ChangeLists;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace AdminSite.Tests.Pages.Admin.ChangeLists;

/// <summary>Exported cells open as text in any spreadsheet, whatever separator it reads with; a failed query sends no half file.</summary>
[TestFixture]
public sealed class CsvTests
{
    [TestCase("a;=1+1", "\"'a;=1+1\"", Description = "a spreadsheet that splits on ; would start a cell at the =")]
    [TestCase("a;b", "\"a;b\"", Description = "quoted, so ; never splits it")]
    [TestCase("x\t-1", "\"'x\t-1\"", Description = "a tab starts a cell in a tab-separated import")]
    [TestCase("x\n@SUM(A1)", "\"'x\n@SUM(A1)\"", Description = "each line of a cell can be read as one")]
    [TestCase(" =1+1", "' =1+1", Description = "importers that trim spaces see a formula")]
    [TestCase("a, +1", "\"'a, +1\"")]
    [TestCase("\uFF1D1+1", "'\uFF1D1+1", Description = "the full-width equals sign")]
    [TestCase("Smith-Jones", "Smith-Jones")]
    [TestCase("2026-11-26", "2026-11-26")]
    [TestCase("x, y", "\"x, y\"")]
    public void A_formula_is_defused_wherever_a_spreadsheet_could_start_a_cell(string value, string expected) =>
        Csv.Cell(value).Should().Be(expected);

    [Test]
    public async Task A_query_that_fails_before_its_first_row_sends_nothing_so_the_error_page_can_answer()
    {
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var result = new CsvResult("users.csv", ["Username"], FailingRows());

        var export = () => result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        await export.Should().ThrowAsync<InvalidOperationException>();
        http.Response.Body.Length.Should().Be(0, "no header row may go out before the query has answered");
    }

    private static async IAsyncEnumerable<string?[]> FailingRows()
    {
        await Task.Yield();
        throw new InvalidOperationException("Expression tree is too large (maximum depth 1000)");
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }
}
