using System.Net;
using System.Text.Json;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>Money that arrives when it should not becomes a refund task an officer sees, and the books add up.</summary>
[Collection(SharedService.Name)]
public class RefundTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task Money_for_a_closed_order_a_second_order_or_a_cancelled_application_is_due_back_and_listed_for_the_region()
    {
        // A closed order paid after all (the applicant switched channel, then paid the first QR code anyway).
        var switched = await ReadyAsync("hunan");
        var closed = await switched.CreatePayment("WeChatPay");
        var live = await switched.CreatePayment("Alipay");
        await NotifyPaidAsync(closed, "WeChatPay");
        Assert.Equal("AddressGiven", (await switched.Progress()).GetProperty("state").GetString());
        await switched.PayAtCashier(live);
        await switched.WaitFor("PhotoPending");

        // A second order paid once the application was paid.
        var twice = await ReadyAsync("hunan");
        var first = await twice.CreatePayment("WeChatPay");
        await twice.PayAtCashier(first);
        await twice.WaitFor("PhotoPending");
        await NotifyPaidAsync(first, "WeChatPay", orderNumber: await SecondOrderNumberAsync(twice));

        // Paid after cancelling.
        var cancelled = await ReadyAsync("hunan");
        var late = await cancelled.CreatePayment("WeChatPay");
        await Api.Expect(await Api.Post($"/api/applications/{cancelled.ApplicationId}/cancel", cancelled.Token), HttpStatusCode.OK);
        await NotifyPaidAsync(late, "WeChatPay");

        var reviewer = await Api.LoginOfficer("hunan-review");
        var refunds = (await Api.Get("/api/officer/refunds", reviewer)).EnumerateArray().ToList();
        Assert.Contains(refunds, r => r.GetProperty("orderNumber").GetString() == closed.GetProperty("orderNumber").GetString()
            && r.GetProperty("reason").GetString() == "订单关闭后仍收到付款" && r.GetProperty("amountYuan").GetDecimal() == 40);
        foreach (var journey in new[] { twice, cancelled })
        {
            var number = (await Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token)).GetProperty("applicationNumber").GetString();
            Assert.Contains(refunds, r => r.GetProperty("applicationNumber").GetString() == number);
        }

        Assert.DoesNotContain((await Api.Get("/api/officer/refunds", await Api.LoginOfficer("jilin-review"))).EnumerateArray(),
            r => r.GetProperty("orderNumber").GetString() == closed.GetProperty("orderNumber").GetString());

        // The books: every fen received is either one application's fee or on the refund list.
        await using (var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync())
        {
            foreach (var journey in new[] { switched, twice, cancelled })
            {
                var orders = await db.PaymentOrders.AsNoTracking().Where(o => o.ApplicationId == journey.ApplicationId && o.PaidAt != null).ToListAsync();
                var paidApplications = await db.Applications.CountAsync(a => a.Id == journey.ApplicationId && a.PaidAt != null);
                Assert.Equal(paidApplications * 4000, orders.Where(o => o.State == PaymentOrderState.Paid).Sum(o => o.AmountFen));
                Assert.Equal(orders.Sum(o => o.AmountFen) - (paidApplications * 4000), orders.Where(o => o.State == PaymentOrderState.RefundDue).Sum(o => o.AmountFen));
            }
        }

        var done = await Api.Expect(await Api.Post($"/api/officer/refunds/{closed.GetProperty("orderNumber").GetString()}/refunded", reviewer), HttpStatusCode.OK);
        Assert.Equal("Refunded", done.GetProperty("state").GetString());
        await Api.ExpectProblem(await Api.Post($"/api/officer/refunds/{closed.GetProperty("orderNumber").GetString()}/refunded", reviewer), HttpStatusCode.Conflict, "refund_not_due");
        Assert.DoesNotContain((await Api.Get("/api/officer/refunds", reviewer)).EnumerateArray(),
            r => r.GetProperty("orderNumber").GetString() == closed.GetProperty("orderNumber").GetString());
    }

    private async Task<Journey> ReadyAsync(string region)
    {
        var journey = await Journey.Begin(Api, region);
        await journey.ToAddressGiven("Damage");
        return journey;
    }

    /// <summary>An order the gateway has for the application besides the paid one, made as a second tab would have before paying.</summary>
    private async Task<string> SecondOrderNumberAsync(Journey journey)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<IdReissueDbContext>>().CreateDbContextAsync();
        var paid = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.ApplicationId == journey.ApplicationId);
        var second = PaymentOrder.Open(paid.OrderNumber + "B", journey.ApplicationId, paid.Channel, new Money(paid.AmountFen),
            new GatewayOrder(paid.OrderNumber + "B", new Uri(paid.CashierUrl), paid.QrContent), paid.CreatedAt, paid.ExpiresAt);
        db.PaymentOrders.Add(second);
        await db.SaveChangesAsync();
        return second.OrderNumber;
    }

    private async Task NotifyPaidAsync(JsonElement order, string channel, string? orderNumber = null)
    {
        var body = SandboxMessages.PaymentNotice(orderNumber ?? order.GetProperty("orderNumber").GetString()!, "SUCCESS", 4000);
        await Api.Expect(await SandboxMessages.PostAsync(Api, $"/api/payments/notify/{channel}", body, SandboxMessages.Sign(service.SigningKey, body)), HttpStatusCode.OK);
    }
}
