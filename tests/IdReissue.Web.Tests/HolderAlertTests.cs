using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>
/// The holder hears of it: an application made in a person's name from another phone than the one the household
/// registry holds texts that phone after 实人认证 and after the loss report, with a link through which the holder
/// says "不是我本人". The application then stops before the card is made, waits for an officer as suspected
/// impersonation, and the stop is audited. In the sandbox the registry's phone is the demo resident's own, and the
/// finder passes 实人认证 only because the sandbox's simulated provider lets the tester say so.
/// </summary>
[Collection(SharedService.Name)]
public sealed partial class HolderAlertTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_finder_applying_from_another_phone_is_stopped_by_the_holder_through_the_texted_link_and_put_before_an_officer()
    {
        var (holder, finder, finderPhone) = await FinderOfTheCardAsync("hunan");
        await finder.VerifyFace();
        await finder.ReportLoss();

        // Two texts to the registry's phone, none to the finder's.
        var texts = await WaitForTextsAsync(holder.GetProperty("phone").GetString()!, 2);
        Assert.Contains(texts, t => t.Contains("已通过实人认证", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("已申报挂失原证", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.StartsWith("【居民身份证网上补换领】您的居民身份证正在网上补领", t, StringComparison.Ordinal));
        Assert.DoesNotContain(await InboxAsync(finderPhone), t => t.Contains("不是我本人", StringComparison.Ordinal));
        var link = LinkIn(texts[0]);
        Assert.Equal(link, LinkIn(texts[1]));

        // The page shows the application masked and stops nothing by being opened (a link preview fetches it).
        var page = await Api.Http.GetStringAsync(link);
        Assert.Contains("不是我本人", page, StringComparison.Ordinal);
        Assert.DoesNotContain(holder.GetProperty("citizenId").GetString()!, page, StringComparison.Ordinal);
        Assert.False((await finder.Progress()).GetProperty("heldAsSuspectedImpersonation").GetBoolean());

        var stopped = await PostFormAsync(link, page);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("该申请已停止办理", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The finder can go no further: not the address, so never payment, review or production.
        var progress = await finder.Progress();
        Assert.True(progress.GetProperty("heldAsSuspectedImpersonation").GetBoolean());
        Assert.Contains("不是我本人", progress.GetProperty("nextStep").GetString(), StringComparison.Ordinal);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, $"/api/applications/{finder.ApplicationId}/address", finder.Token,
            new { recipient = "王五", phone = finderPhone, divisionCode = holder.GetProperty("householdDivisionCode").GetString(), detail = "人民路88号2栋301室" }),
            HttpStatusCode.Conflict, "held_as_suspected_impersonation");
        await Api.ExpectProblem(await Api.Post($"/api/applications/{finder.ApplicationId}/cancel", finder.Token),
            HttpStatusCode.Conflict, "held_as_suspected_impersonation");

        // Audited, and the officer's queue of suspected impersonation lists it whatever its step.
        Assert.Equal(1, await AuditCountAsync("application.holder-denied", progress.GetProperty("applicationNumber").GetString()!));
        var reviewer = await Api.LoginOfficer("hunan-review");
        var queue = await Api.Get("/api/officer/applications?suspected=true", reviewer);
        Assert.Contains(queue.EnumerateArray(), i => i.GetProperty("id").GetGuid() == finder.ApplicationId);
        Assert.DoesNotContain((await Api.Get("/api/officer/applications?state=LossReported", reviewer)).EnumerateArray(), i => i.GetProperty("id").GetGuid() == finder.ApplicationId);

        // Opened again, the page says it is stopped; the form sent again (a double tap) changes nothing and is not a second audit entry.
        Assert.Contains("该申请已停止办理", await Api.Http.GetStringAsync(link), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(link, page)).StatusCode);
        Assert.Equal(1, await AuditCountAsync("application.holder-denied", progress.GetProperty("applicationNumber").GetString()!));

        // The officer confirms the impersonation: rejected, and the finder's account no longer holds the identity,
        // so the holder can apply from their own phone.
        await Api.Expect(await Api.Post($"/api/officer/applications/{finder.ApplicationId}/reject", reviewer, new { reason = "持有人声明非本人办理，经核查为冒用" }), HttpStatusCode.OK);
        Assert.Equal("Rejected", (await finder.Progress()).GetProperty("state").GetString());
        var own = new Journey(Api, holder, await Api.LoginApplicant(holder.GetProperty("phone").GetString()!));
        await own.VerifyRealName();
        await own.Start("Loss");
        await own.CheckEligibility();
        Assert.Equal("FaceVerified", (await own.VerifyFace()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_holder_applying_from_the_registrys_phone_is_texted_no_alert()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Loss");
        await journey.CheckEligibility();
        await journey.VerifyFace();
        await journey.ReportLoss();
        await journey.GiveAddress();

        // The address step sends nothing either; by then both alerts would have been handled (one outbox, in order of time).
        await WaitForOutboxAsync(journey.ApplicationId);
        Assert.DoesNotContain(await InboxAsync(journey.Field("phone")), t => t.Contains("正在网上补领", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_officer_who_finds_the_applicant_to_be_the_holder_after_all_lets_the_application_go_on()
    {
        var (holder, finder, _) = await FinderOfTheCardAsync("jilin");
        await finder.VerifyFace();
        var link = LinkIn((await WaitForTextsAsync(holder.GetProperty("phone").GetString()!, 1))[0]);
        await PostFormAsync(link, await Api.Http.GetStringAsync(link));

        var reviewer = await Api.LoginOfficer("jilin-review");
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{finder.ApplicationId}/clear-holder-denial", reviewer, new { reason = "" }),
            HttpStatusCode.UnprocessableEntity, "reason_required");
        var cleared = await Api.Expect(await Api.Post($"/api/officer/applications/{finder.ApplicationId}/clear-holder-denial", reviewer,
            new { reason = "申请人到窗口当面核验为本人，登记手机号已停用" }), HttpStatusCode.OK);
        Assert.False(cleared.GetProperty("heldAsSuspectedImpersonation").GetBoolean());
        Assert.Equal(1, await AuditCountAsync("application.clear-holder-denial", cleared.GetProperty("applicationNumber").GetString()!));

        // Checked in person: the same link cannot stop it again.
        var again = await PostFormAsync(link, await Api.Http.GetStringAsync(link));
        Assert.Contains("公安机关已当面核实", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await finder.Progress()).GetProperty("heldAsSuspectedImpersonation").GetBoolean());

        await finder.ReportLoss();
        Assert.Equal("AddressGiven", (await finder.GiveAddress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_made_up_or_altered_link_finds_nothing_and_stops_nothing()
    {
        var (holder, finder, _) = await FinderOfTheCardAsync("hunan");
        await finder.VerifyFace();
        var link = LinkIn((await WaitForTextsAsync(holder.GetProperty("phone").GetString()!, 1))[0]);
        var altered = link[..^1] + (link[^1] == '0' ? '1' : '0');

        var response = await Api.Http.GetAsync(altered);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("链接无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync("/h/not-a-link")).StatusCode);
        Assert.False((await finder.Progress()).GetProperty("heldAsSuspectedImpersonation").GetBoolean());
    }

    [Fact]
    public async Task A_held_application_is_left_out_of_the_production_batch_and_gets_no_waybill_and_is_rejected_before_dispatch()
    {
        var approved = await ApprovedForFinderAsync();
        var producing = await ApprovedForFinderAsync();

        // Stopped while approved: the batch leaves it out, and it does not block the region's batch.
        await StopThroughTheLinkAsync(approved.Holder);
        var producer = await Api.LoginOfficer("jilin-production");
        var batch = await Api.Expect(await Api.Post("/api/officer/production-batches", producer, new { }), HttpStatusCode.Created);
        var numbers = batch.GetProperty("applicationNumbers").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.DoesNotContain((await approved.Finder.Progress()).GetProperty("applicationNumber").GetString(), numbers);
        Assert.Contains((await producing.Finder.Progress()).GetProperty("applicationNumber").GetString(), numbers);
        Assert.Equal("Approved", (await approved.Finder.Progress()).GetProperty("state").GetString());

        // Stopped in production: no waybill is booked to the finder's address.
        await StopThroughTheLinkAsync(producing.Holder);
        await Api.ExpectProblem(await Api.Post($"/api/officer/applications/{producing.Finder.ApplicationId}/dispatch", producer),
            HttpStatusCode.Conflict, "held_as_suspected_impersonation");
        var progress = await producing.Finder.Progress();
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("trackingNumber").ValueKind);
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SandboxDbContext>();
            var number = progress.GetProperty("applicationNumber").GetString()!;
            Assert.False(await db.SandboxShipments.AnyAsync(s => s.Reference == number));
        }

        var reviewer = await Api.LoginOfficer("jilin-review");
        await Api.Expect(await Api.Post($"/api/officer/applications/{producing.Finder.ApplicationId}/reject", reviewer, new { reason = "持有人声明非本人办理" }), HttpStatusCode.OK);
        Assert.Equal("Rejected", (await producing.Finder.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Money_paid_after_the_holder_stopped_the_application_is_due_back()
    {
        var (holder, finder, _) = await FinderOfTheCardAsync("jilin", "Damage");
        await finder.VerifyFace();
        await finder.GiveAddress();
        var order = await finder.CreatePayment("Alipay");
        await StopThroughTheLinkAsync(holder);
        await Api.ExpectProblem(await Api.Post($"/api/applications/{finder.ApplicationId}/payments", finder.Token,
            new { channel = "WeChatPay", acknowledgeNoCancellationNoRefund = true }), HttpStatusCode.Conflict, "held_as_suspected_impersonation");

        // The finder pays the order opened before the stop anyway.
        await finder.PayAtCashier(order);

        var reviewer = await Api.LoginOfficer("jilin-review");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement? refund = null;
        while (refund is null && DateTime.UtcNow < deadline)
        {
            refund = (await Api.Get("/api/officer/refunds", reviewer)).EnumerateArray()
                .Where(r => r.GetProperty("orderNumber").GetString() == order.GetProperty("orderNumber").GetString()).Cast<JsonElement?>().FirstOrDefault();
            if (refund is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.NotNull(refund);
        Assert.Contains("不是我本人", refund.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var progress = await finder.Progress();
        Assert.Equal("AddressGiven", progress.GetProperty("state").GetString());
        Assert.True(progress.GetProperty("heldAsSuspectedImpersonation").GetBoolean());
    }

    /// <summary>A finder's Jilin damage re-issue (the historic photo, so no photo step), paid and approved.</summary>
    private async Task<(JsonElement Holder, Journey Finder)> ApprovedForFinderAsync()
    {
        var (holder, finder, _) = await FinderOfTheCardAsync("jilin", "Damage");
        await finder.VerifyFace();
        await finder.GiveAddress();
        await finder.PayAtCashier(await finder.CreatePayment("Alipay"));
        await finder.WaitFor("UnderReview");
        await Api.Expect(await Api.Post($"/api/officer/applications/{finder.ApplicationId}/approve", await Api.LoginOfficer("jilin-review")), HttpStatusCode.OK);
        return (holder, finder);
    }

    /// <summary>The holder opens the texted link and says 不是我本人.</summary>
    private async Task StopThroughTheLinkAsync(JsonElement holder)
    {
        var link = LinkIn((await WaitForTextsAsync(holder.GetProperty("phone").GetString()!, 1))[0]);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(link, await Api.Http.GetStringAsync(link))).StatusCode);
    }

    /// <summary>A resident, and someone else signed in with their own phone who knows the resident's name and number.</summary>
    private async Task<(JsonElement Holder, Journey Finder, string FinderPhone)> FinderOfTheCardAsync(string region, string reissueCase = "Loss")
    {
        var holder = await Api.NewResident(region);
        var finderPhone = (await Api.NewResident(region)).GetProperty("phone").GetString()!;
        var finder = new Journey(Api, holder, await Api.LoginApplicant(finderPhone));
        await finder.VerifyRealName();
        await finder.Start(reissueCase);
        await finder.CheckEligibility();
        return (holder, finder, finderPhone);
    }

    private async Task<List<string>> InboxAsync(string phone)
    {
        var messages = await Api.Expect(await Api.Http.PostAsJsonAsync("/sandbox/sms/inbox", new { phone }), HttpStatusCode.OK);
        return [.. messages.EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];
    }

    /// <summary>Waits until the outbox has sent that many alerts to the phone (it works in the background).</summary>
    private async Task<List<string>> WaitForTextsAsync(string phone, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> alerts;
        do
        {
            alerts = [.. (await InboxAsync(phone)).Where(t => t.Contains("正在网上补领", StringComparison.Ordinal))];
            if (alerts.Count >= count)
            {
                return alerts;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{alerts.Count} of {count} alerts reached the registry's phone");
        return alerts;
    }

    /// <summary>Waits until every outbox message of the application's alerts is processed.</summary>
    private async Task WaitForOutboxAsync(Guid applicationId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var key = $"holder:{applicationId:N}:";
        do
        {
            await using var scope = service.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var alerts = await db.OutboxMessages.AsNoTracking().Where(m => m.DeduplicationKey != null && m.DeduplicationKey.StartsWith(key)).ToListAsync();
            if (alerts.Count == 2 && alerts.All(m => m.ProcessedAt != null))
            {
                return;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail("the holder alerts were not processed");
    }

    private async Task<int> AuditCountAsync(string action, string applicationNumber)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        return await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == action && a.Target == applicationNumber);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, string page)
    {
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "the page has no antiforgery field");
        return await Api.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__antiforgery"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value) }));
    }

    private static string LinkIn(string text) => new Uri(HolderLinkPattern().Match(text).Value).PathAndQuery;

    [GeneratedRegex("https?://[^ ]+/h/[A-Za-z0-9-]+")]
    private static partial Regex HolderLinkPattern();

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
