using System.Net;
using System.Net.Http.Json;

namespace IdReissue.Web.Tests;

/// <summary>The applicant's SMS at the steps that matter, word for word, each sent once.</summary>
[Collection(SharedService.Name)]
public class ApplicantNoticeTests(ServiceFixture service)
{
    private const string Brand = "【居民身份证网上补换领】";

    private Api Api => service.Api;

    [Fact]
    public async Task Photo_needed_dispatched_and_delivered_notices_arrive_once_each_with_their_exact_text()
    {
        var (journey, number, photoNumber) = await PhotoPendingAsync();
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/approve", await Api.LoginOfficer("hunan-review")), HttpStatusCode.OK);
        var producer = await Api.LoginOfficer("hunan-production");
        await Api.Expect(await Api.Post("/api/officer/production-batches", producer, new { }, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        var tracking = (await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/dispatch", producer), HttpStatusCode.OK))
            .GetProperty("trackingNumber").GetString();
        await journey.WaitFor("Delivered");

        await ExpectOnceAsync(journey,
            $"{Brand}您的申请（受理编号{number}）：等待提交电子照片。相片编号{photoNumber}，请凭相片编号提交符合制证标准的电子照片，可请照相馆协助拍摄上传，检测免费。",
            $"{Brand}您的申请（受理编号{number}）：证件已寄出。EMS运单号{tracking}，证件已通过EMS寄出，请留意快递员电话，邮资到付。",
            $"{Brand}您的申请（受理编号{number}）：证件已签收。办理完成。");
    }

    [Fact]
    public async Task A_rejection_notice_gives_the_officers_reason_once()
    {
        var (journey, number, photoNumber) = await PhotoPendingAsync();
        await Api.Expect(await Api.Post($"/api/photos/{photoNumber}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.OK);

        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/reject", await Api.LoginOfficer("hunan-review"),
            new { reason = "户籍信息与人口信息库不一致，请到户籍所在地派出所核实" }), HttpStatusCode.OK);
        await journey.WaitFor("Rejected");

        await ExpectOnceAsync(journey, $"{Brand}您的申请（受理编号{number}）：审核未通过。原因：户籍信息与人口信息库不一致，请到户籍所在地派出所核实。");
        var progress = await journey.Progress();
        Assert.Equal("户籍信息与人口信息库不一致，请到户籍所在地派出所核实", progress.GetProperty("decisionReason").GetString());
    }

    private async Task<(Journey Journey, string Number, string PhotoNumber)> PhotoPendingAsync()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        var pending = await journey.WaitFor("PhotoPending");
        return (journey, pending.GetProperty("applicationNumber").GetString()!, pending.GetProperty("photoNumber").GetString()!);
    }

    /// <summary>Waits for each text (notices go through the outbox), then checks it came exactly once.</summary>
    private async Task ExpectOnceAsync(Journey journey, params string[] texts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> inbox;
        do
        {
            var messages = await Api.Expect(await Api.Http.PostAsJsonAsync("/sandbox/sms/inbox", new { phone = journey.Field("phone") }), HttpStatusCode.OK);
            inbox = [.. messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];
            if (texts.All(inbox.Contains))
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        foreach (var text in texts)
        {
            Assert.True(inbox.Count(t => t == text) == 1, $"expected once: {text}\ninbox:\n{string.Join('\n', inbox)}");
        }
    }
}
