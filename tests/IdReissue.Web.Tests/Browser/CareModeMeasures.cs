using System.Text.Json;
using Microsoft.Playwright;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// What care mode promises, measured in the rendered page: every visible piece of text at least 18 px, and
/// every visible control at least 48 × 48 px to touch (a radio or check box counts as its whole labelled row;
/// a visually replaced file input as its visible button).
/// </summary>
internal static class CareModeMeasures
{
    public const double SmallestText = 18;
    public const double SmallestTarget = 48;

    private const string Measure = """
        ([smallestText, smallestTarget]) => {
          const seen = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
          const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.innerText || e.value || '').trim().slice(0, 20) + '"';
          const small = [];
          for (const e of document.querySelectorAll('body *')) {
            if (!seen(e) || e.closest('svg')) continue;
            const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            const size = parseFloat(getComputedStyle(e).fontSize);
            if (text && size < smallestText) small.push(describe(e) + ' ' + size + 'px');
          }
          const tight = [];
          const targets = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary');
          for (let e of targets) {
            if (e.type === 'radio' || e.type === 'checkbox') e = e.closest('label') || e;
            else if (e.type === 'file') e = document.querySelector('label.button[for="' + e.id + '"]') || e;
            if (!seen(e) || e.classList.contains('skip')) continue;
            const r = e.getBoundingClientRect();
            if (r.height < smallestTarget - 0.5 || r.width < smallestTarget - 0.5) tight.push(describe(e) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
          }
          return { small, tight };
        }
        """;

    public static async Task CheckAsync(IPage page, string name)
    {
        var found = await page.EvaluateAsync<JsonElement>(Measure, new[] { SmallestText, SmallestTarget });
        var small = found.GetProperty("small").EnumerateArray().Select(e => e.GetString()).ToList();
        var tight = found.GetProperty("tight").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(small.Count == 0, $"{name} (care mode) has text under {SmallestText}px: {string.Join("; ", small)}");
        Assert.True(tight.Count == 0, $"{name} (care mode) has controls under {SmallestTarget}px: {string.Join("; ", tight)}");
    }
}
