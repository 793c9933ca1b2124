using Microsoft.Playwright;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The real service on a loopback port and Debian's Chromium driven by Playwright (never a downloaded
/// browser). Screenshots of every journey go to TestResults/screenshots at phone and desk sizes, and
/// every page screenshotted is checked with axe-core.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Category = "Browser";

    private IPlaywright? _playwright;

    public ServiceFixture Service { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUrl => Service.Api.Http.BaseAddress!;

    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("IDREISSUE_SCREENSHOTS")
        ?? Path.Combine(ServiceFixture.RepositoryRoot, "TestResults", "screenshots");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("IDREISSUE_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Service).InitializeAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        // The counts file holds this run only (each check appends a line); its folder may not exist yet on a clean run.
        Directory.CreateDirectory(Path.GetDirectoryName(AccessibilityAudit.CountsFile)!);
        File.Delete(AccessibilityAudit.CountsFile);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(LaunchOptions());
    }

    /// <summary>Debian's Chromium, headless, in Chinese: how every browser test starts it (also those with a service of their own).</summary>
    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--lang=zh-CN",
            // A synthetic camera (a moving test card), so the getUserMedia path runs headless.
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)Service).DisposeAsync();
    }

    /// <summary>Chrome on an Android phone, as it names itself: the service reads a phone from it (it pays in the gateway's app).</summary>
    public const string PhoneUserAgent =
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    /// <summary>A phone in portrait (390 × 844), as most applicants use the portal.</summary>
    public Task<IBrowserContext> PhoneAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        Permissions = ["camera"],
        UserAgent = PhoneUserAgent,
        BaseURL = BaseUrl.ToString(),
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    });

    /// <summary>Signs the browser in with an API session (the same token as the session cookie), so a page opens signed in
    /// without a second log-in code.</summary>
    public Task SignInAsync(IBrowserContext context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.AddCookiesAsync([new Cookie { Name = IdReissue.Web.Auth.SessionToken.CookieName, Value = token, Url = BaseUrl.ToString(), HttpOnly = true }]);
    }

    /// <summary>An officer's desk (1440 × 900).</summary>
    public Task<IBrowserContext> DeskAsync() => Browser.NewContextAsync(DeskOptions(BaseUrl));

    /// <summary>An officer's desk (1440 × 900) on the service at <paramref name="baseUrl"/>.</summary>
    public static BrowserNewContextOptions DeskOptions(Uri baseUrl) => new()
    {
        BaseURL = baseUrl?.ToString(),
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    /// <summary>Saves the page as it is and checks it with axe-core (<see cref="AccessibilityAudit"/>).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await SaveAsync(page, name);
        await AccessibilityAudit.CheckAsync(page, name);
    }

    /// <summary>Only the picture, for a second size of a page already checked.</summary>
    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
