using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;

namespace IdReissue.Application.Ports;

/// <summary>The configured gateway of each payment channel.</summary>
public interface IPaymentGateways
{
    /// <summary>The channel's gateway; a channel not configured is refused as unavailable.</summary>
    IPaymentGateway GatewayFor(PaymentChannel channel);
}
