using System.Reflection;
using System.Text.RegularExpressions;

namespace IdReissue.Architecture.Tests;

/// <summary>
/// The layers of docs/architecture.md, held by the build: the domain needs nothing beyond the base library, the
/// application layer nothing beyond the domain, the portrait engine neither the web nor a database, and the web
/// host reaches the database only through the application layer's ports.
/// </summary>
public sealed partial class LayerTests
{
    [Fact]
    public void The_domain_references_nothing_beyond_the_base_library() =>
        Assert.DoesNotContain(References(typeof(Domain.Common.DomainException).Assembly), name => !IsBaseLibrary(name));

    [Fact]
    public void The_application_layer_references_only_the_domain_and_the_base_library() =>
        Assert.DoesNotContain(References(typeof(Application.Common.Problem).Assembly), name => !IsBaseLibrary(name) && name != "IdReissue.Domain");

    [Fact]
    public void The_portrait_engine_references_neither_the_web_nor_a_database_nor_the_service() =>
        Assert.DoesNotContain(References(typeof(Portrait.PortraitEngine).Assembly),
            name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                           || name.StartsWith("IdReissue.", StringComparison.Ordinal));

    [Fact]
    public void Infrastructure_does_not_reference_the_web_host() =>
        Assert.DoesNotContain("IdReissue.Web", References(typeof(Infrastructure.PaymentGateways).Assembly));

    [Fact]
    public void The_web_host_reaches_the_database_only_through_the_application_layer()
    {
        // Its assembly, so that a use the source scan below misses (a generated file, a fully qualified name in a
        // page) still fails; and its sources, so that the failure names the file.
        Assert.DoesNotContain(References(typeof(Web.ApplicationHandlers).Assembly), name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        var web = Path.Combine(RepositoryRoot, "src", "IdReissue.Web");
        var usingPersistence = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !IsBuildOutput(f))
            .Where(f => Persistence().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(usingPersistence.Count == 0, "Use the application layer's handlers and ports instead of EF Core or persistence records in: " + string.Join(", ", usingPersistence));
    }

    [GeneratedRegex(@"Microsoft\.EntityFrameworkCore|IdReissueDbContext|Persistence\.Records")]
    private static partial Regex Persistence();

    private static bool IsBaseLibrary(string name) => name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal);

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    private static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IdReissue.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("IdReissue.slnx not found above the test's output.");
        }
    }
}
