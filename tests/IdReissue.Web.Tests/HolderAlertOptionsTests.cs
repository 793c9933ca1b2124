using IdReissue.Application.HolderAlerts;

namespace IdReissue.Web.Tests;

/// <summary>The holder's link is well formed under any public address, and an address that would text a useless link is refused (Program.cs validates it at start).</summary>
public sealed class HolderAlertOptionsTests
{
    [Theory]
    [InlineData("https://bszn.gaj.example.gov.cn", "https://bszn.gaj.example.gov.cn/h/BH43-0a")]
    [InlineData("https://www.example.gov.cn/idcard/", "https://www.example.gov.cn/idcard/h/BH43-0a")]
    [InlineData("https://www.example.gov.cn/idcard", "https://www.example.gov.cn/idcard/h/BH43-0a")]
    public void The_link_keeps_the_portals_path_prefix(string baseUrl, string expected)
    {
        var options = new HolderAlertOptions { PublicBaseUrl = new Uri(baseUrl) };

        Assert.True(options.IsValid);
        Assert.Equal(expected, options.LinkTo("BH43-0a").AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://example.gov.cn/")]
    [InlineData("https://example.gov.cn/?a=1")]
    public void An_address_that_would_text_a_useless_link_is_refused(string baseUrl) =>
        Assert.False(new HolderAlertOptions { PublicBaseUrl = new Uri(baseUrl) }.IsValid);
}
