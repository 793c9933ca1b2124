using System.Net;
using IdReissue.Web.Presentation;

namespace IdReissue.Web.Tests;

[Collection(SharedService.Name)]
public class CareModeTests(ServiceFixture service)
{
    [Fact]
    public async Task The_care_mode_switch_remembers_the_choice_for_a_year_and_goes_back_only_to_a_page_of_this_site()
    {
        using var client = Client();

        var on = await client.GetAsync(new Uri("/care-mode?on=true&returnUrl=%2Fapply%2Freal-name%3Fx%3D1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/apply/real-name?x=1", on.Headers.Location!.OriginalString);
        var cookie = Assert.Single(on.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CareMode.CookieName + "=1", StringComparison.Ordinal));
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            var away = await client.GetAsync(new Uri("/care-mode?on=true&returnUrl=" + Uri.EscapeDataString(elsewhere), UriKind.Relative));
            Assert.Equal("/", away.Headers.Location!.OriginalString);
        }

        var off = await client.GetAsync(new Uri("/care-mode?on=false&returnUrl=%2F", UriKind.Relative));
        Assert.Contains(off.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CareMode.CookieName + "=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_in_care_mode_is_marked_for_the_style_sheet_and_offers_the_way_back_to_the_standard_page()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add("Cookie", CareMode.CookieName + "=1");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<body class=\"portal care\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/care-mode?on=false&amp;returnUrl=%2Flogin\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/care.js", html, StringComparison.Ordinal);

        var standard = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("<body class=\"portal\">", standard, StringComparison.Ordinal);
        Assert.DoesNotContain("/js/care.js", standard, StringComparison.Ordinal);
    }

    // A client of its own: no redirect followed and no cookie kept, so each answer is seen as sent.
    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = service.Api.Http.BaseAddress };
}
