namespace IdReissue.Web.Tests.Gateways;

/// <summary>The service with WeChat Pay and Alipay pointed at their simulators (the rest stays sandbox).</summary>
public sealed class PaymentGatewaysService : ServiceFixture
{
    public PaymentGatewaysService()
        : this(new WeChatPaySimulator(), new AlipaySimulator())
    {
    }

    private PaymentGatewaysService(WeChatPaySimulator weChat, AlipaySimulator alipay)
        : base(weChat.Settings.Concat(alipay.Settings).ToDictionary())
    {
        WeChat = weChat;
        Alipay = alipay;
    }

    public WeChatPaySimulator WeChat { get; }

    public AlipaySimulator Alipay { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await WeChat.DisposeAsync();
        await Alipay.DisposeAsync();
    }
}

/// <summary>The service sending SMS through the Tencent Cloud SMS simulator.</summary>
public sealed class TencentSmsService : ServiceFixture
{
    public TencentSmsService()
        : this(new TencentSmsSimulator())
    {
    }

    private TencentSmsService(TencentSmsSimulator sms)
        : base(sms.Settings)
    {
        Sms = sms;
    }

    public TencentSmsSimulator Sms { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sms.DisposeAsync();
    }
}
