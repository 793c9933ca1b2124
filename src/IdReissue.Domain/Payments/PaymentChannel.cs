namespace IdReissue.Domain.Payments;

public enum PaymentChannel
{
    WeChatPay,
    Alipay,
    UnionPay,
}

public static class PaymentChannelText
{
    public static string Chinese(this PaymentChannel channel) => channel switch
    {
        PaymentChannel.WeChatPay => "微信支付",
        PaymentChannel.Alipay => "支付宝",
        PaymentChannel.UnionPay => "银联",
        _ => channel.ToString(),
    };
}
