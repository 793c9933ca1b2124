using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;

namespace IdReissue.Domain.Tests;

public class PaymentOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);
    private static readonly Money Fee = new(4000);

    private static PaymentOrder NewOrder(string cashier = "https://pay.example/cashier/1") =>
        PaymentOrder.Open(PaymentOrder.NewNumber(Now), Guid.NewGuid(), PaymentChannel.Alipay, Fee,
            new GatewayOrder("x", new Uri(cashier), "qr"), Now, Now.AddMinutes(30));

    [Fact]
    public void A_new_order_is_pending_for_the_fee_with_a_number_in_Beijing_time()
    {
        var order = NewOrder();
        Assert.Equal(PaymentOrderState.Pending, order.State);
        Assert.Equal(4000, order.AmountFen);
        Assert.Matches("^P20261203120000[0-9]{8}$", order.OrderNumber);
        Assert.Equal(0, order.Version);
    }

    [Fact]
    public void Paid_in_full_settles_the_order_and_raises_its_version()
    {
        var order = NewOrder();
        Assert.False(order.FlagIfAmountDiffers(Fee));
        order.RecordPaid(Now.AddMinutes(1), "T1", dueBack: null);
        Assert.Equal(PaymentOrderState.Paid, order.State);
        Assert.Equal("T1", order.TransactionId);
        Assert.True(order.IsSettled);
        Assert.Equal(1, order.Version);
        Assert.Null(order.RefundReason);
        Assert.Equal("payment_already_settled", Assert.Throws<DomainException>(() => order.RecordPaid(Now, "T2", null)).Code);
    }

    [Fact]
    public void A_different_amount_is_flagged_and_settles_nothing()
    {
        var order = NewOrder();
        Assert.True(order.FlagIfAmountDiffers(new Money(1)));
        Assert.Equal(PaymentOrderState.Pending, order.State);
        Assert.Equal("amount mismatch: gateway 1 fen, order 4000 fen", order.Anomaly);
        Assert.Equal(1, order.Version);
    }

    [Fact]
    public void Money_on_a_closed_order_is_due_back_whatever_the_application_says()
    {
        var order = NewOrder();
        order.Close();
        order.RecordPaid(Now, "T1", dueBack: null);
        Assert.Equal(PaymentOrderState.RefundDue, order.State);
        Assert.Equal(RefundReason.PaidAfterOrderClosed, order.RefundReason);
        Assert.Equal("订单关闭后仍收到付款", order.RefundReason.Chinese());
    }

    [Theory]
    [InlineData(RefundReason.PaidAfterHolderDenial)]
    [InlineData(RefundReason.PaidTwiceOrAfterPaymentStep)]
    public void Money_the_application_cannot_take_is_due_back_for_its_reason_and_then_refunded_once(RefundReason reason)
    {
        var order = NewOrder();
        order.RecordPaid(Now, "T1", reason);
        Assert.Equal(PaymentOrderState.RefundDue, order.State);
        Assert.Equal(reason, order.RefundReason);
        order.RecordRefunded();
        Assert.Equal(PaymentOrderState.Refunded, order.State);
        Assert.Equal("refund_not_due", Assert.Throws<DomainException>(order.RecordRefunded).Code);
    }

    [Fact]
    public void Only_a_pending_order_can_be_closed_or_end_unpaid()
    {
        var order = NewOrder();
        order.EndUnpaid(failed: true);
        Assert.Equal(PaymentOrderState.Failed, order.State);
        Assert.Equal("payment_not_pending", Assert.Throws<DomainException>(order.Close).Code);
        Assert.Equal("refund_not_due", Assert.Throws<DomainException>(order.RecordRefunded).Code);
    }

    [Fact]
    public void A_pending_order_is_reused_only_on_its_channel_and_side_of_WeChat_with_two_minutes_left()
    {
        var order = NewOrder();
        Assert.True(order.CanBeReusedFor(PaymentChannel.Alipay, inApp: false, Now));
        Assert.False(order.CanBeReusedFor(PaymentChannel.WeChatPay, inApp: false, Now));
        Assert.False(order.CanBeReusedFor(PaymentChannel.Alipay, inApp: true, Now));
        Assert.False(order.CanBeReusedFor(PaymentChannel.Alipay, inApp: false, Now.AddMinutes(28)));
        Assert.True(NewOrder(GatewayOrder.InAppCashier.ToString()).CanBeReusedFor(PaymentChannel.Alipay, inApp: true, Now));
    }
}
