using System.Diagnostics;
using IdReissue.Web.HolderAlerts;
using Microsoft.AspNetCore.Http;

namespace IdReissue.Web.Tests;

public sealed class HolderLinkRedactionTests
{
    [Fact]
    public void A_request_trace_of_the_holders_link_keeps_the_route_and_drops_the_code()
    {
        using var activity = new Activity("request");
        activity.SetTag("url.path", "/h/BH4320261203123456-0123456789ab");
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/h/BH4320261203123456-0123456789ab";

        HolderLinkRedaction.Enrich(activity, http.Request);

        Assert.Equal("/h/{code}", activity.GetTagItem("url.path"));
        Assert.DoesNotContain("0123456789ab", activity.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_request_traces_are_left_as_they_are()
    {
        using var activity = new Activity("request");
        activity.SetTag("url.path", "/apply/h");
        var http = new DefaultHttpContext();
        http.Request.Path = "/apply/h";

        HolderLinkRedaction.Enrich(activity, http.Request);

        Assert.Equal("/apply/h", activity.GetTagItem("url.path"));
    }
}
