using AdminSite.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AdminSite.Tests;

/// <summary>Code in namespace <see cref="From"/> uses <see cref="Symbol"/>, declared in <see cref="To"/>.</summary>
/// <param name="MapsEntity">Data's side of EF Core's mapping: Data naming an entity, a member of one or a type it stores.</param>
public sealed record NamespaceReference(string From, string To, string Symbol, string Where, bool MapsEntity);

/// <summary>
/// The references between the site's namespaces, from its C# bound by the compiler. Not from the built
/// assembly: it has inlined every constant, so a page reading another concern's constant would leave no trace.
/// Razor views are left out: nothing refers to a view, so no circle can pass through one.
/// </summary>
internal sealed class SiteNamespaces
{
    /// <summary>The node of <c>Program.cs</c>'s top-level statements, which live in the global namespace.</summary>
    public const string Program = "Program";

    private const string Root = "AdminSite";

    // The Web SDK's implicit usings (the project's ImplicitUsings); a missing one shows as an unresolved name.
    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    // What the compiler says when it cannot bind a name: any of these would hide a reference from the graph.
    private static readonly HashSet<string> UnboundNameErrors = ["CS0103", "CS0117", "CS0234", "CS0246", "CS1061"];

    private SiteNamespaces(IReadOnlyList<NamespaceReference> references, IReadOnlyList<string> unbound)
    {
        References = references;
        UnboundNames = unbound;
    }

    public IReadOnlyList<NamespaceReference> References { get; }

    /// <summary>Names the compiler could not bind (each with its place): must be none, or the graph is incomplete.</summary>
    public IReadOnlyList<string> UnboundNames { get; }

    public static SiteNamespaces Load() => Load(Path.Combine(RepositoryRoot.Path, "source", Root));

    /// <summary>Binds every <c>.cs</c> file under <paramref name="projectFolder"/> (bin and obj aside).</summary>
    public static SiteNamespaces Load(string projectFolder)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var files = Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(projectFolder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
        var trees = files
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, Path.GetRelativePath(projectFolder, f)))
            .Append(CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), parse, "ImplicitUsings.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            Root,
            trees,
            FrameworkAndPackageReferences(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var unbound = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && UnboundNameErrors.Contains(d.Id))
            .Select(d => $"{Place(d.Location)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        var entityModel = EntityModel(compilation);
        var references = trees.SelectMany(tree => ReferencesIn(tree, compilation.GetSemanticModel(tree), entityModel)).ToList();
        return new SiteNamespaces(references, unbound);
    }

    /// <summary>The top-level folder a namespace lives in: <c>AdminSite.Pages.Admin.Users</c> is in <c>Pages</c>.</summary>
    public static string FolderOf(string ns) => ns == Program ? Program : ns.Split('.') is [_, var folder, ..] ? folder : ns;

    // Everything the running tests can load (the framework and the site's packages), except the site itself,
    // whose types come from the source here.
    private static IEnumerable<MetadataReference> FrameworkAndPackageReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Path.GetFileName(path).StartsWith(Root, StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));

    private static IEnumerable<NamespaceReference> ReferencesIn(SyntaxTree tree, SemanticModel model, IReadOnlySet<ITypeSymbol> entityModel)
    {
        // Using directives only make names available; what counts is where a name is used.
        foreach (var name in tree.GetRoot().DescendantNodes(node => node is not UsingDirectiveSyntax).OfType<SimpleNameSyntax>())
        {
            if (DeclaringType(model.GetSymbolInfo(name)) is not { } type || !IsSite(type.ContainingNamespace))
            {
                continue;
            }

            var from = NamespaceOf(name);
            var to = type.ContainingNamespace.ToDisplayString();
            if (from != to)
            {
                var mapsEntity = from.StartsWith(Root + ".Data", StringComparison.Ordinal) && entityModel.Contains(type);
                yield return new NamespaceReference(from, to, type.Name == name.Identifier.Text ? type.Name : $"{type.Name}.{name.Identifier.Text}", Place(name.GetLocation()), mapsEntity);
            }
        }
    }

    /// <summary>The site's type a name stands for, or whose member it names (an extension method's class for a call).</summary>
    private static INamedTypeSymbol? DeclaringType(SymbolInfo info)
    {
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        return symbol switch
        {
            IAliasSymbol alias => alias.Target as INamedTypeSymbol,
            INamedTypeSymbol type => OuterMost(type),
            IMethodSymbol { ReducedFrom: { } extension } => OuterMost(extension.ContainingType),
            IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol => symbol.ContainingType is { } owner ? OuterMost(owner) : null,
            _ => null, // namespaces, locals, parameters, type parameters: their types are named where they are declared
        };
    }

    private static INamedTypeSymbol OuterMost(INamedTypeSymbol type) => type.ContainingType is { } outer ? OuterMost(outer) : type.OriginalDefinition;

    private static bool IsSite(INamespaceSymbol? ns) => ns is { IsGlobalNamespace: false } && (ns.ToDisplayString() + ".").StartsWith(Root + ".", StringComparison.Ordinal);

    private static string NamespaceOf(SyntaxNode node) =>
        node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? Program;

    /// <summary>
    /// The entities the database context maps (its DbSets, Identity's user and role, every configured type) and
    /// the site's types their properties hold (enums such as the colour theme).
    /// </summary>
    private static HashSet<ITypeSymbol> EntityModel(CSharpCompilation compilation)
    {
        var siteTypes = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>().ToList();
        var entities = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in siteTypes)
        {
            foreach (var configured in type.AllInterfaces.Where(i => i.Name == "IEntityTypeConfiguration"))
            {
                entities.Add(configured.TypeArguments[0]);
            }

            for (var context = type.BaseType; context is not null; context = context.BaseType)
            {
                if (context.Name == "IdentityDbContext")
                {
                    entities.UnionWith(context.TypeArguments);
                }
            }

            entities.UnionWith(type.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.Type is INamedTypeSymbol { Name: "DbSet" }).Select(p => ((INamedTypeSymbol)p.Type).TypeArguments[0]));
        }

        var held = entities.OfType<INamedTypeSymbol>()
            .SelectMany(e => e.GetMembers().OfType<IPropertySymbol>())
            .Select(p => p.Type is INamedTypeSymbol { IsGenericType: true } g && g.Name == "Nullable" ? g.TypeArguments[0] : p.Type)
            .ToList();
        entities.UnionWith(held);
        entities.RemoveWhere(t => !IsSite(t.ContainingNamespace));
        return entities;
    }

    private static string Place(Location location)
    {
        var span = location.GetLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}";
    }
}
