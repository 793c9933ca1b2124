using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Tests;

/// <summary>
/// A node whose configuration is out of range, or that switches a real gateway on without its credentials,
/// refuses to start, and says which key is wrong, instead of failing at the first request that needs it.
/// </summary>
public sealed class MisconfiguredNodeTests
{
    [Theory]
    [InlineData("Outbox:PollInterval", "00:00:00", "Outbox:PollInterval")]
    [InlineData("Outbox:MaxAttempts", "0", "Outbox:MaxAttempts")]
    [InlineData("Payments:OrderLifetime", "1.00:00:00", "Payments:OrderLifetime")]
    [InlineData("Payments:ReconcileAfter", "00:00:00", "Payments:ReconcileAfter")]
    [InlineData("Abuse:SmsPerClientPerMinute", "0", "Abuse:SmsPerClientPerMinute")]
    [InlineData("Delivery:TrackEvery", "00:00:00", "Delivery:TrackEvery")]
    [InlineData("Retention:FilesKeptAfterClosedDays", "-1", "Retention:FilesKeptAfterClosedDays")]
    [InlineData("FaceVerification:SameAtLeast", "1.5", "FaceVerification:SameAtLeast")]
    [InlineData("FaceVerification:DifferentBelow", "0.9", "FaceVerification:DifferentBelow")]
    [InlineData("FaceVerification:FramesPerSecond", "1", "FaceVerification:FramesPerSecond")]
    [InlineData("Sandbox:RetryScale", "0", "Sandbox:RetryScale")]
    [InlineData("Sandbox:SigningKey", "not base64!", "Sandbox:SigningKey")]
    [InlineData("HolderAlerts:PublicBaseUrl", "https://example.gov.cn/?a=1", "HolderAlerts:PublicBaseUrl")]
    [InlineData("OpenApi:Servers:0:Url", "/relative", "OpenApi:Servers:0:Url")]
    [InlineData("WeChatPay:Enabled", "true", "WeChatPay:MchId")]
    [InlineData("Alipay:Enabled", "true", "Alipay:AppPrivateKey")]
    [InlineData("TencentSms:Enabled", "true", "TencentSms:SecretKey")]
    [InlineData("TencentFaceId:Enabled", "true", "TencentFaceId:RuleId")]
    public async Task A_wrong_setting_stops_the_node_at_start_naming_the_key(string key, string value, string named)
    {
        IAsyncLifetime service = new Misconfigured(key, value);
        try
        {
            var refused = await Assert.ThrowsAnyAsync<OptionsValidationException>(service.InitializeAsync);

            Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_session_cookie_setting_has_a_section_of_its_own()
    {
        var service = new Misconfigured("Sessions:RequireSecureCookies", "true");
        await ((IAsyncLifetime)service).InitializeAsync();
        try
        {
            Assert.True(service.Services.GetRequiredService<IOptions<Auth.SessionCookieOptions>>().Value.RequireSecureCookies);
        }
        finally
        {
            await ((IAsyncLifetime)service).DisposeAsync();
        }
    }

    private sealed class Misconfigured(string key, string value) : ServiceFixture(new Dictionary<string, string> { [key] = value });
}
