using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    [InlineData("Capacity:FixCost", "0", "Capacity:FixCost")]
    [InlineData("Capacity:AnonymousBudget:TokenLimit", "10", "Capacity:AnonymousBudget:TokenLimit")]
    [InlineData("Capacity:AnonymousFixes:QueueTimeout", "00:00:00", "Capacity:AnonymousFixes:QueueTimeout")]
    [InlineData("Capacity:Ipv6PrefixLength", "16", "Capacity:Ipv6PrefixLength")]
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

    /// <summary>
    /// A node that may refuse to start. The test host reads the node's services after the node is built,
    /// while the node's own thread goes on to start: a node that refuses at once has disposed them by
    /// then, and the refusal is lost behind an ObjectDisposedException. So the node here waits to start
    /// until the test has done its reading and is waiting for the outcome.
    /// </summary>
    private sealed class Misconfigured(string key, string value) : ServiceFixture(new Dictionary<string, string> { [key] = value })
    {
        private readonly GatedLifetime _lifetime = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IHostLifetime>(_lifetime));
        }

        protected override IHost CreateHost(IHostBuilder builder)
        {
            var host = builder.Build();
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            addresses.Addresses.Clear();
            addresses.Addresses.Add("http://127.0.0.1:0");
            addresses.PreferHostingUrls = true;

            // Starting registers for the node's start (or its failure) before it first waits.
            var started = host.StartAsync();
            _lifetime.Open();
            started.GetAwaiter().GetResult();
            return host;
        }
    }

    private sealed class GatedLifetime : IHostLifetime
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public Task WaitForStartAsync(CancellationToken cancellationToken) => _open.Task.WaitAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
