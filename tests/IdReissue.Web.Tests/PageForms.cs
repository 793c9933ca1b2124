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

    [GeneratedRegex("name=\"__antiforgery\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
