using System.Text;

namespace AdminSite.Tests;

/// <summary>
/// The site's namespaces, and its top-level folders, form layers: nothing reaches back, directly or through
/// others, into what reaches it. The one circle allowed is EF Core's own: Data maps the entities (users,
/// groups, audit entries) whose namespaces use Data's context; Data's references to that entity model are left
/// out, every other one counts.
/// </summary>
[TestFixture]
public sealed class NamespaceDependencyTests
{
    private static readonly Lazy<SiteNamespaces> Site = new(SiteNamespaces.Load);

    [Test]
    public void Every_name_in_the_site_binds_so_no_reference_is_missed() =>
        Site.Value.UnboundNames.Should().BeEmpty("a name the compiler cannot bind here is a reference the graph would miss");

    [Test]
    public void No_namespace_reaches_back_into_one_that_reaches_it()
    {
        var references = Site.Value.References.Where(r => !r.MapsEntity).ToList();
        string.Join("\n\n", Circles(references, r => r.From, r => r.To)).Should().BeEmpty();
    }

    [Test]
    public void No_top_level_folder_reaches_back_into_one_that_reaches_it()
    {
        var references = Site.Value.References.Where(r => !r.MapsEntity).ToList();
        TestContext.Out.WriteLine(FolderGraph(references));
        string.Join("\n\n", Circles(references, r => SiteNamespaces.FolderOf(r.From), r => SiteNamespaces.FolderOf(r.To))).Should().BeEmpty();
    }

    [Test]
    public void A_circle_is_found_and_reported_with_the_references_that_close_it()
    {
        NamespaceReference[] references =
        [
            new("AdminSite.Commands", "AdminSite.Hosting", "DatabaseExtensions.MigrateDatabaseAsync", "Commands/MigrateCommand.cs:45", false),
            new("AdminSite.Hosting", "AdminSite.Commands", "AdminCommands.AddAdminCommands", "Hosting/AdminSiteExtensions.cs:19", false),
            new("AdminSite.Hosting", "AdminSite.Data", "AdminDbContext", "Hosting/DatabaseExtensions.cs:21", false),
        ];

        Circles(references, r => r.From, r => r.To).Should().Equal(
            "AdminSite.Commands -> AdminSite.Hosting (DatabaseExtensions.MigrateDatabaseAsync at Commands/MigrateCommand.cs:45)\n" +
            "AdminSite.Hosting -> AdminSite.Commands (AdminCommands.AddAdminCommands at Hosting/AdminSiteExtensions.cs:19)");
    }

    [Test]
    public void EF_Core_mapping_is_the_only_circle_left_out()
    {
        var mapping = Site.Value.References.Where(r => r.MapsEntity).ToList();
        mapping.Should().NotBeEmpty("Data's configurations name the entities they map");
        mapping.Select(r => r.From).Should().OnlyContain(ns => ns.StartsWith("AdminSite.Data", StringComparison.Ordinal));
        Circles(Site.Value.References, r => r.From, r => r.To).Should().NotBeEmpty("Data and the entities' namespaces use each other");
    }

    /// <summary>
    /// Each circle (a strongly connected group of nodes, found with Tarjan's algorithm) as its edges, each with
    /// the first reference that makes it.
    /// </summary>
    private static List<string> Circles(IReadOnlyList<NamespaceReference> references, Func<NamespaceReference, string> from, Func<NamespaceReference, string> to)
    {
        var edges = references.Where(r => from(r) != to(r))
            .GroupBy(r => (From: from(r), To: to(r)))
            .ToDictionary(g => g.Key, g => g.First());
        var next = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var nodes = edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();

        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var circles = new List<string>();
        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return circles;

        void Visit(string node)
        {
            index[node] = lowLink[node] = index.Count;
            stack.Push(node);
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    lowLink[node] = Math.Min(lowLink[node], lowLink[target]);
                }
                else if (stack.Contains(target))
                {
                    lowLink[node] = Math.Min(lowLink[node], index[target]);
                }
            }

            if (lowLink[node] != index[node])
            {
                return;
            }

            var members = new HashSet<string>();
            string member;
            do
            {
                member = stack.Pop();
                members.Add(member);
            }
            while (member != node);

            if (members.Count > 1)
            {
                circles.Add(string.Join('\n', edges
                    .Where(e => members.Contains(e.Key.From) && members.Contains(e.Key.To))
                    .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
                    .Select(e => $"{e.Key.From} -> {e.Key.To} ({e.Value.Symbol} at {e.Value.Where})")));
            }
        }
    }

    /// <summary>Who uses whom among the top-level folders, with how many references: printed for the README and reviews.</summary>
    private static string FolderGraph(IEnumerable<NamespaceReference> references)
    {
        var text = new StringBuilder("Top-level folders (from -> to: references), EF Core's mapping left out:\n");
        foreach (var edge in references
            .Select(r => (From: SiteNamespaces.FolderOf(r.From), To: SiteNamespaces.FolderOf(r.To)))
            .Where(e => e.From != e.To)
            .GroupBy(e => e)
            .OrderBy(g => g.Key.From, StringComparer.Ordinal).ThenBy(g => g.Key.To, StringComparer.Ordinal))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {edge.Key.From} -> {edge.Key.To}: {edge.Count()}\n");
        }

        return text.ToString();
    }
}
