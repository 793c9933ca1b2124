using IdReissue.Infrastructure.Configuration;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Alipay;
using IdReissue.Infrastructure.TencentSms;
using IdReissue.Infrastructure.WeChatPay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure;

/// <summary>
/// The real gateways switched on by configuration (WeChatPay:Enabled, Alipay:Enabled, TencentSms:Enabled).
/// Each takes the place of its sandbox; a channel with neither is reported unavailable to the applicant.
/// Their HTTP clients carry the standard resilience handler (timeouts, retries with back-off, circuit
/// breaker), tunable under "{Section}:Resilience"; retried order calls are safe because every call names
/// our order number as out_trade_no.
/// </summary>
public static class ConfiguredGateways
{
    /// <summary>Registers the configured real gateways; returns what they cover, for the sandbox to leave alone.</summary>
    public static (IReadOnlySet<PaymentChannel> Channels, bool Sms) Add(IServiceCollection services, IConfiguration configuration)
    {
        var channels = new HashSet<PaymentChannel>();
        services.AddValidatedOptions<WeChatPayOptions>(configuration, WeChatPayOptions.Section);
        if (configuration.GetValue($"{WeChatPayOptions.Section}:Enabled", false))
        {
            services.AddSingleton<WeChatPayCredentials>();
            services.AddTransient<WeChatPaySigningHandler>();
            var client = services.AddHttpClient(WeChatPayGateway.HttpClientName,
                (sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<WeChatPayOptions>>().Value.BaseUrl);
            AddResilience(client, configuration.GetSection($"{WeChatPayOptions.Section}:Resilience"));
            // Inside the resilience handler: each attempt is signed afresh.
            client.AddHttpMessageHandler<WeChatPaySigningHandler>();
            services.AddSingleton<IPaymentGateway, WeChatPayGateway>();
            channels.Add(PaymentChannel.WeChatPay);
            if (configuration.GetValue($"{WeChatPayOptions.Section}:Jsapi", false))
            {
                // Its URLs carry the AppSecret and the code: no HTTP client logging at all.
                AddResilience(services.AddHttpClient(WeChatOAuth.HttpClientName).RemoveAllLoggers(),
                    configuration.GetSection($"{WeChatPayOptions.Section}:Resilience"));
                services.AddSingleton<WeChatOAuth>();
            }
        }

        services.AddValidatedOptions<AlipayOptions>(configuration, AlipayOptions.Section);
        if (configuration.GetValue($"{AlipayOptions.Section}:Enabled", false))
        {
            services.AddSingleton<AlipaySignature>();
            AddResilience(services.AddHttpClient(AlipayGateway.HttpClientName), configuration.GetSection($"{AlipayOptions.Section}:Resilience"));
            services.AddSingleton<IPaymentGateway, AlipayGateway>();
            channels.Add(PaymentChannel.Alipay);
        }

        services.AddValidatedOptions<TencentSmsOptions>(configuration, TencentSmsOptions.Section);
        var sms = configuration.GetValue($"{TencentSmsOptions.Section}:Enabled", false);
        if (sms)
        {
            AddResilience(services.AddHttpClient(TencentSmsSender.HttpClientName), configuration.GetSection($"{TencentSmsOptions.Section}:Resilience"));
            services.AddSingleton<ISmsSender, TencentSmsSender>();
        }

        return (channels, sms);
    }

    /// <summary>The standard handler with its defaults, overridden by whatever the section sets (binding an absent section is refused).</summary>
    private static void AddResilience(IHttpClientBuilder client, IConfigurationSection section)
    {
        var pipeline = client.AddStandardResilienceHandler();
        if (section.Exists())
        {
            pipeline.Configure(section);
        }
    }
}
