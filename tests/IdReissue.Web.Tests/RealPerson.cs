using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IdReissue.Web.Tests;

/// <summary>The applicant's side of 实人认证 through the API: begin an attempt, answer it with camera frames or through the sandbox's provider page.</summary>
public static class RealPerson
{
    public static async Task<JsonElement> Begin(Api api, string token, Guid applicationId, string channel = "camera") =>
        await Api.Expect(await api.Post($"/api/applications/{applicationId}/face-verification/attempts", token, new { channel }), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> Answer(Api api, string token, Guid applicationId, string? attemptToken, IEnumerable<byte[]> frames) =>
        api.Post($"/api/applications/{applicationId}/face-verification", token, Frames(attemptToken, frames));

    public static MultipartFormDataContent Frames(string? attemptToken, IEnumerable<byte[]> frames)
    {
        var form = new MultipartFormDataContent();
        if (attemptToken is not null)
        {
            form.Add(new StringContent(attemptToken), "token");
        }

        var index = 0;
        foreach (var frame in frames)
        {
            var file = new ByteArrayContent(frame);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "frames", $"f{index++:D4}.jpg");
        }

        return form;
    }

    /// <summary>The challenge's action codes, in the order drawn.</summary>
    public static string[] Actions(JsonElement attempt) =>
        [.. attempt.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("code").GetString()!)];

    /// <summary>The sandbox's real recording that performs the attempt's drawn challenge.</summary>
    public static async Task<List<byte[]>> SandboxClip(Api api, JsonElement attempt)
    {
        var clip = await Api.Expect(await api.Http.GetAsync(new Uri($"/sandbox/liveness-clip?token={Uri.EscapeDataString(attempt.GetProperty("token").GetString()!)}", UriKind.Relative)),
            HttpStatusCode.OK);
        return [.. clip.GetProperty("frames").EnumerateArray().Select(f => Convert.FromBase64String(f.GetString()!["data:image/jpeg;base64,".Length..]))];
    }

    /// <summary>Through the sandbox's simulated certified provider: the tester picks the outcome, the page hands back a BizToken.</summary>
    public static async Task<string> AtSandboxProvider(Api api, JsonElement attempt, string outcome = "passed")
    {
        // The tester's browser at the provider's page: it must see the redirect back, not follow it.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = api.Http.BaseAddress };
        var page = new Uri(attempt.GetProperty("verificationUrl").GetString()!);
        var shown = await browser.GetAsync(new Uri(page.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("沙箱人脸核身", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var decided = await browser.PostAsync(new Uri(page.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([new("outcome", outcome)]));
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var back = decided.Headers.Location!;
        Assert.Contains("/face/provider-return", back.AbsolutePath, StringComparison.Ordinal);
        return System.Web.HttpUtility.ParseQueryString(back.Query)["token"]!;
    }
}
