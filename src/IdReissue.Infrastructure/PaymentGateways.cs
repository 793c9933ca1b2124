using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;

namespace IdReissue.Infrastructure;

/// <summary>The configured gateway of each payment channel.</summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways) : IPaymentGateways
{
    private readonly Dictionary<PaymentChannel, IPaymentGateway> _byChannel = gateways.ToDictionary(g => g.Channel);

    public IPaymentGateway GatewayFor(PaymentChannel channel) => For(channel);

    public IPaymentGateway For(PaymentChannel channel) =>
        _byChannel.TryGetValue(channel, out var gateway)
            ? gateway
            : throw new DomainException("payment_channel_unavailable", $"{channel.Chinese()}暂不可用，请选择其他支付方式。", DomainErrorKind.Unavailable);
}
