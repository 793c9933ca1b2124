using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// Runs axe-core (fetched by scripts/fetch-axe.sh into .axe/) in the page as it stands and fails on any
/// violation of impact serious or critical under the WCAG 2.1 A/AA rules. In care mode the page must
/// also meet the enhanced (7:1) contrast rule, since high contrast is what care mode promises.
/// Every count is written to TestResults/accessibility/axe-counts.tsv and to the test's output.
/// </summary>
internal static class AccessibilityAudit
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(ServiceFixture.RepositoryRoot, ".axe", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException("axe-core is fetched by scripts/fetch-axe.sh (test.sh runs it).", path);
    });

    private static readonly ConcurrentQueue<string> Unreported = new();

    public static string CountsFile { get; } = Path.Combine(Path.GetDirectoryName(BrowserFixture.ScreenshotDirectory)!, "accessibility", "axe-counts.tsv");

    private const string Run = """
        async ([tags, care]) => {
          const shape = r => r.violations.map(v => ({ id: v.id, impact: v.impact || 'minor', help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')), count: v.nodes.length }));
          const wcag = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          const found = shape(wcag);
          if (care) {
            const enhanced = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast-enhanced'] }, resultTypes: ['violations'] });
            shape(enhanced).forEach(v => { v.impact = 'serious'; found.push(v); });
          }
          return { care, violations: found };
        }
        """;

    /// <summary>Checks the page; the mode is read from the page itself (care mode marks the body).</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        // A page still loading after a form submit would lose the injected script half-way.
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays as it is.
            await page.EvaluateAsync(Source.Value);
        }

        var care = await page.EvaluateAsync<bool>("() => document.body.classList.contains('care')");
        var result = await page.EvaluateAsync<JsonElement>(Run, new object[] { WcagTags, care });
        var violations = result.GetProperty("violations").EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            v.GetProperty("count").GetInt32(), [.. v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!)])).ToList();
        var blocking = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var mode = care ? "care" : "standard";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{name}\t{mode}\t{blocking.Count}\t{violations.Count - blocking.Count}\t{string.Join(',', violations.Select(v => $"{v.Id}:{v.Impact}"))}");
        Unreported.Enqueue(line);
        Directory.CreateDirectory(Path.GetDirectoryName(CountsFile)!);
        await File.AppendAllTextAsync(CountsFile, line + Environment.NewLine);
        Assert.True(blocking.Count == 0, $"axe-core: {name} ({mode}) has {blocking.Count} serious/critical WCAG 2.1 AA violation(s):{Environment.NewLine}"
            + string.Join(Environment.NewLine, blocking.Select(v => $"  {v.Id} [{v.Impact}] {v.Help} ×{v.Count}: {string.Join(" | ", v.Nodes)}")));
    }

    /// <summary>Prints the counts gathered since the last report (page, mode, serious+critical, moderate+minor, rules).</summary>
    public static void Report(ITestOutputHelper output)
    {
        while (Unreported.TryDequeue(out var line))
        {
            output.WriteLine("axe\t" + line);
        }
    }

    private sealed record Violation(string Id, string Impact, string Help, int Count, IReadOnlyList<string> Nodes);
}
