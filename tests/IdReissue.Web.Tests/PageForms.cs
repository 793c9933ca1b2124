using System.Net;
using System.Text.RegularExpressions;

namespace IdReissue.Web.Tests;

/// <summary>What a test needs to post a page's form as a browser would: the antiforgery token the page rendered.</summary>
public static partial class PageForms
{
    /// <summary>The form's antiforgery field name (Program.cs) and its value from the page's HTML.</summary>
    public static KeyValuePair<string, string> AntiforgeryToken(string pageHtml)
    {
        var match = AntiforgeryField().Match(pageHtml);
        Assert.True(match.Success, "The page carries no antiforgery token.");
        return new("__antiforgery", WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>Opens the page, then posts its form with the page's antiforgery token and these fields; the answer must succeed.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var page = await client.GetStringAsync(new Uri(path.Split('?')[0], UriKind.Relative));
        var form = new List<KeyValuePair<string, string>> { AntiforgeryToken(page) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var response = await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Posts a page's form with the session's bearer token (pages take it as the API does) and the antiforgery token
    /// of <paramref name="pageHtml"/>, the page as that session saw it; the answer is the caller's to judge.</summary>
    public static async Task<HttpResponseMessage> PostWithBearerAsync(
        HttpClient client, string token, string path, string pageHtml, params KeyValuePair<string, string>[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([AntiforgeryToken(pageHtml), .. fields]),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__antiforgery\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
