using Microsoft.Playwright;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// What a person who uses only the keyboard does: Tab (forward only, in the page's own order) to a control,
/// then type, press Enter or Space, or use the arrow keys. Every stop on the way must be something visible.
/// </summary>
internal static class KeyboardSteps
{
    private const int MostTabs = 40;

    /// <summary>Tabs forward until <paramref name="target"/> has focus; fails if it never does or focus lands on something unseen.</summary>
    public static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var tabs = 0; tabs <= MostTabs; tabs++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
            var stop = await page.EvaluateAsync<string?>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return null;
                  const r = e.getBoundingClientRect();
                  return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' ? null : e.outerHTML.slice(0, 160);
                }
                """);
            Assert.True(stop is null, $"keyboard focus went to something unseen: {stop}");
        }

        Assert.Fail($"{target} is not reachable with Tab within {MostTabs} presses on {page.Url}");
    }

    public static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.TypeAsync(text);
    }

    public static async Task PressAsync(IPage page, ILocator control, string key = "Enter")
    {
        await TabToAsync(page, control);
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>In a radio group that has focus, moves with the arrow keys to the choice whose label holds <paramref name="text"/> and selects it.</summary>
    public static async Task ChooseAsync(IPage page, string text)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            var label = await page.EvaluateAsync<string>("() => document.activeElement.closest('label')?.innerText ?? ''");
            if (label.Contains(text, StringComparison.Ordinal))
            {
                if (!await page.EvaluateAsync<bool>("() => document.activeElement.checked"))
                {
                    await page.Keyboard.PressAsync("Space");
                }

                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Fail($"no choice \"{text}\" reached with the arrow keys on {page.Url}");
    }

    /// <summary>In a drop-down that has focus, moves with the arrow keys until the option with <paramref name="value"/> is selected.</summary>
    public static async Task SelectAsync(IPage page, string value)
    {
        var options = await page.EvaluateAsync<string[]>("() => [...document.activeElement.options].map(o => o.value)");
        var target = Array.IndexOf(options, value);
        Assert.True(target >= 0, $"no option {value}");
        var at = await page.EvaluateAsync<int>("() => document.activeElement.selectedIndex");
        for (; at != target; at += target > at ? 1 : -1)
        {
            await page.Keyboard.PressAsync(target > at ? "ArrowDown" : "ArrowUp");
        }

        Assert.Equal(value, await page.EvaluateAsync<string>("() => document.activeElement.value"));
    }

    /// <summary>Opens a file field from the keyboard with one press of Space and picks the file in the chooser that opens.</summary>
    public static async Task ChooseFileAsync(IPage page, ILocator fileInput, string path)
    {
        await TabToAsync(page, fileInput);

        // Subscribing to FileChooser turns interception on with a message Playwright does not wait for; a round trip to the
        // page after it (the focus check below: the same browser session, answered in order) has it on before the key is pressed, so a
        // chooser the press opens is never one nobody intercepts. Then one press, as a person makes it: a second one
        // would hide a "the first press does nothing" bug.
        var opened = new TaskCompletionSource<IFileChooser>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFileChooser(object? sender, IFileChooser chooser) => opened.TrySetResult(chooser);
        page.FileChooser += OnFileChooser;
        try
        {
            Assert.True(await fileInput.EvaluateAsync<bool>("e => e === document.activeElement"), "the file field lost focus");
            await page.Keyboard.PressAsync("Space");
            var chooser = await opened.Task.WaitAsync(ChooserWait);
            await chooser.SetFilesAsync(path);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"one Space on the focused file field opened no file chooser within {ChooserWait.TotalSeconds} s");
        }
        finally
        {
            page.FileChooser -= OnFileChooser;
        }
    }

    /// <summary>Generous: opening a chooser is the browser's work alone, but a loaded machine may take its time.</summary>
    private static readonly TimeSpan ChooserWait = TimeSpan.FromSeconds(60);
}
