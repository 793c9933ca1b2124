using System.Net;
using System.Net.Http.Headers;

namespace IdReissue.Web.Tests;

/// <summary>The studio page checks and fixes a photo for anyone without a photo number (free, as the source document says), and then submits nothing.</summary>
[Collection(SharedService.Name)]
public class StudioFreeCheckTests(ServiceFixture service)
{
    [Fact]
    public async Task Without_a_photo_number_a_compliant_photo_is_checked_and_shown_and_nothing_is_submitted()
    {
        var html = await PostAsync(null, Journey.GoodPhoto);
        Assert.Contains("仅检测，未提交", html, StringComparison.Ordinal);
        Assert.Contains("照片符合居民身份证制证要求", html, StringComparison.Ordinal);
        Assert.DoesNotContain("相片编号应为18位数字", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_photo_number_the_fixer_offers_the_fixed_photo_to_download_and_no_confirmation()
    {
        var html = await PostAsync("Fix", ServiceFixture.DevSetPhoto("hv__test4.jpg"));
        Assert.Contains("id=\"download-fix\"", html, StringComparison.Ordinal);
        Assert.Contains("未填写相片编号，照片不会提交", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm-fix\"", html, StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(string? handler, byte[] photo)
    {
        // Its own client, so that the antiforgery cookie of this form is the one posted back.
        using var client = service.CreateClient();
        var page = await client.GetStringAsync(new Uri("/studio", UriKind.Relative));
        var token = PageForms.AntiforgeryToken(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token.Value), token.Key },
            { new StringContent(string.Empty), "Input.PhotoNumber" },
        };
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "photo", "photo.jpg");
        var response = await client.PostAsync(new Uri(handler is null ? "/studio" : $"/studio?handler={handler}", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
