using AdminSite.Identity;
using AdminSite.Tests.Infrastructure;
using AngleSharp.Html.Parser;

namespace AdminSite.Tests.Pages.Shared;

/// <summary>The paginator's markup as a browser parses it: its page links inside its bar.</summary>
[TestFixture]
public sealed class PaginatorTests : AdminClientFixture
{
    [OneTimeSetUp]
    public Task SeedAsync() => Site.SeedUsersAsync(Enumerable.Range(0, 120).Select(i => new AdminUser { UserName = $"paged{i:000}" }));

    [Test]
    public async Task The_page_links_sit_inside_the_paginator_bar()
    {
        // An HTML5 parser, like a browser's: a <nav> inside a <p> closes the <p> first, leaving the links outside.
        var page = new HtmlParser().ParseDocument(await Admin.GetHtmlAsync("/admin/auth/user"));

        var bar = page.QuerySelector(".paginator");
        bar.Should().NotBeNull();
        bar!.QuerySelectorAll("nav.pages a, nav.pages .this-page").Select(a => a.TextContent).Should().Equal("1", "2");
        bar.TextContent.Should().Contain("121 users");
    }
}
