using System.Net;
using System.Text.RegularExpressions;

namespace IdReissue.Web.Tests;

/// <summary>
/// The portal's photo step is choose → verdict → confirm: a checked photo counts only when the applicant confirms the
/// one they were shown, and the photo fixer's result is checked and compared with the registry photo before it is offered.
/// </summary>
[Collection(SharedService.Name)]
public partial class PhotoConfirmationTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_passing_photo_counts_only_once_confirmed_and_only_the_newest_check_can_be_confirmed()
    {
        var journey = await PhotoPendingAsync("eligible");

        var passed = await PostAsync(journey, null, Upload(Journey.GoodPhoto));
        Assert.Contains("检测合格。", passed, StringComparison.Ordinal);
        Assert.Contains("与您的户籍照片和实人认证时的人像一致", passed, StringComparison.Ordinal);
        var passedFile = CheckedFile(passed);
        Assert.Equal("PhotoPending", await StateAsync(journey));

        // A confirmation naming no photo of this application's newest check is refused, and nothing moves.
        var stranger = await PostAsync(journey, "Confirm", Form(Guid.NewGuid()));
        Assert.Contains("已不是最近一次检测的照片", stranger, StringComparison.Ordinal);
        var failed = await PostAsync(journey, null, Upload(ServiceFixture.DevSetPhoto("df__img13__offcentre.jpg")));
        Assert.Contains("data-code=\"off_center\"", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm-photo\"", failed, StringComparison.Ordinal);
        var outdated = await PostAsync(journey, "Confirm", Form(passedFile));
        Assert.Contains("已不是最近一次检测的照片", outdated, StringComparison.Ordinal);
        Assert.Equal("PhotoPending", await StateAsync(journey));

        var again = CheckedFile(await PostAsync(journey, null, Upload(Journey.GoodPhoto)));
        var confirmed = await PostAsync(journey, "Confirm", Form(again));
        Assert.Contains("照片检测合格，已提交公安机关审核", confirmed, StringComparison.Ordinal);
        Assert.Equal("UnderReview", await StateAsync(journey));
    }

    [Fact]
    public async Task The_fixer_offers_nothing_to_confirm_when_its_photo_shows_someone_other_than_the_registry_person()
    {
        // face-mismatch: the registry holds another person's photo than the ordinary photo offered to the fixer.
        var journey = await PhotoPendingAsync("face-mismatch");

        var offer = await PostAsync(journey, "Fix", Upload(ServiceFixture.SharedPhoto("face-pairs", "img13.jpg")));
        Assert.Contains("生成的照片未通过检测，不能提交", offer, StringComparison.Ordinal);
        Assert.Contains("data-code=\"not_the_applicant\"", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm-fix\"", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("已生成合格照片", offer, StringComparison.Ordinal);
        Assert.Equal("PhotoPending", await StateAsync(journey));
    }

    private async Task<Journey> PhotoPendingAsync(string profile)
    {
        var journey = await Journey.Begin(Api, "hunan", profile);
        await journey.ToAddressGiven("Loss");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay", Guid.NewGuid().ToString()));
        await journey.WaitFor("PhotoPending");
        return journey;
    }

    private static Func<KeyValuePair<string, string>, HttpContent> Upload(byte[] photo) => token =>
    {
        var form = Api.Upload("photo", photo);
        form.Add(new StringContent(token.Value), token.Key);
        return form;
    };

    private static Func<KeyValuePair<string, string>, HttpContent> Form(Guid photoFile) => token =>
        new FormUrlEncodedContent([token, new("photoFile", photoFile.ToString())]);

    private static Guid CheckedFile(string html) => Guid.Parse(PhotoFileField().Match(html).Groups[1].Value);

    private static async Task<string> StateAsync(Journey journey) => (await journey.Progress()).GetProperty("state").GetString()!;

    /// <summary>Posts to the photo page as the applicant's browser would: its session, and the antiforgery token of a fresh page.</summary>
    private async Task<string> PostAsync(Journey journey, string? handler, Func<KeyValuePair<string, string>, HttpContent> content)
    {
        var path = $"/apply/{journey.ApplicationId}/photo";
        var page = await (await Api.Send(HttpMethod.Get, path, journey.Token)).Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, handler is null ? path : $"{path}?handler={handler}")
        {
            Content = content(PageForms.AntiforgeryToken(page)),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", journey.Token);
        using var response = await Api.Http.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity,
            $"{response.StatusCode}: {html[..Math.Min(400, html.Length)]}");
        return html;
    }

    [GeneratedRegex("name=\"photoFile\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex PhotoFileField();
}
