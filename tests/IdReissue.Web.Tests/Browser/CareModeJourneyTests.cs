using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.KeyboardSteps;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The Hunan loss journey in care mode (长辈版), by keyboard only: no click, no fill, no script poking at the
/// page; every page is checked with axe-core in care mode (and for 18 px text and 48 px targets) on the way.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class CareModeJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task A_Hunan_loss_applicant_in_care_mode_goes_from_home_to_delivered_by_keyboard_alone()
    {
        var resident = await browser.Service.Api.NewResident("hunan");
        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/");
        await PressAsync(page, page.Locator("#care-switch"));
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("\\bcare\\b"));
        Assert.Contains(await phone.CookiesAsync(), c => c.Name == "idr_care" && c.Value == "1");
        await ShotBothAsync(page, "care-01-home");
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "开始办理" }));

        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await TypeIntoAsync(page, page.GetByLabel("手机号码"), resident.Field("phone"));
        await page.Keyboard.PressAsync("Enter");
        // Enter submits the form: the page is the one with the sent code only once it has loaded.
        await Expect(page.Locator(".sms-text").First).ToBeVisibleAsync();
        await ShotBothAsync(page, "care-02-login");
        var sms = await page.Locator(".sms-text").First.InnerTextAsync();
        // One question per screen: the number is answered, so the code is the question now.
        await Expect(page.Locator(".care-progress")).ToHaveTextAsync("第 2 题，共 2 题");
        await TypeIntoAsync(page, page.GetByLabel("短信验证码"), new Regex("验证码为([0-9]{6})").Match(sms).Groups[1].Value);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/apply/real-name$"));
        await Expect(page.GetByLabel("公民身份号码")).ToBeHiddenAsync();
        await ShotBothAsync(page, "care-03-real-name");
        await TypeIntoAsync(page, page.GetByLabel("姓名"), resident.Field("name"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("公民身份号码")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(resident.Field("citizenId"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "选择办理业务" })).ToBeVisibleAsync();
        await ShotBothAsync(page, "care-04-start");
        // The region is already chosen from the ID number's province (43, 湖南省), so care mode starts at the case.
        await Expect(page.GetByLabel("湖南省")).ToBeCheckedAsync();
        await TabToAsync(page, page.Locator("input[name='Input.Case']").First);
        await ChooseAsync(page, "丢失补领");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "下一题" }));
        await Expect(page.GetByLabel("户号")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(resident.Field("householdNumber"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您符合网上办理条件" })).ToBeVisibleAsync();
        var applicationId = ApplicationIdOf(page);
        await ShotBothAsync(page, "care-05-eligible");
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "继续" }));

        // 实人认证 by keyboard through the certified provider (the sandbox's simulated page); back on the face
        // step the page completes it by itself.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "实人认证（人脸识别）" })).ToBeVisibleAsync();
        await ShotBothAsync(page, "care-06-face");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "使用人脸核身服务" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = SandboxProviderHeading() })).ToBeVisibleAsync();
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "模拟核身通过" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "挂失原身份证" })).ToBeVisibleAsync();
        // Plainer words in place of the page's introduction, the warning kept.
        await Expect(page.Locator("#plain-words")).ToContainTextAsync("旧证就不能再用了");
        await Expect(page.Locator(".lead")).ToBeHiddenAsync();
        await ShotBothAsync(page, "care-07-loss-report");
        await TypeIntoAsync(page, page.GetByLabel("遗失地点"), "长沙市岳麓区地铁2号线溁湾镇站");
        await page.Keyboard.PressAsync("Enter");
        // The loss time as four Chinese choices (年、月、日、约几点), each a drop-down moved with the arrow keys.
        await Expect(page.GetByLabel("遗失年份")).ToBeFocusedAsync();
        await SelectAsync(page, "2026");
        await page.Keyboard.PressAsync("Tab");
        await SelectAsync(page, "11");
        await page.Keyboard.PressAsync("Tab");
        await SelectAsync(page, "20");
        await page.Keyboard.PressAsync("Tab");
        await SelectAsync(page, "9");
        await Expect(page.GetByLabel("遗失时刻（大约几点）")).ToHaveValueAsync("9");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "下一题" }));
        await Expect(page.GetByLabel("需要挂失申报回执")).ToBeCheckedAsync();
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "确认挂失" }));

        await Expect(page.Locator("#receipt-number")).ToHaveTextAsync(new Regex("^GS\\d{16}$"));
        await ShotBothAsync(page, "care-08-loss-reported");
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "继续：填写邮寄地址" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新证寄到哪里" })).ToBeVisibleAsync();
        await ShotBothAsync(page, "care-09-address");
        // The district is already the household's, so the first open question is the street; one back to see it.
        await Expect(page.Locator(".care-progress")).ToHaveTextAsync("第 2 题，共 4 题");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "上一题" }));
        await Expect(page.GetByLabel("所在区（县）")).ToBeFocusedAsync();
        await SelectAsync(page, resident.Field("householdDivisionCode"));
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "下一题" }));
        await Expect(page.GetByLabel("详细地址")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("桐梓坡路188号3栋502室");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(resident.Field("name"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("收件人手机号码")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(resident.Field("phone"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "缴纳工本费" })).ToBeVisibleAsync();
        // The no-cancellation notice is its own question; leaving it unticked is refused, announced and focused.
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "下一题" }));
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }));
        await Expect(page.Locator("#acknowledge-error")).ToContainTextAsync("不能取消");
        var acknowledge = page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还");
        await Expect(acknowledge).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(acknowledge).ToBeFocusedAsync();
        await ShotBothAsync(page, "care-10-payment-refused");
        await page.Keyboard.PressAsync("Space");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "下一题" }));
        await ChooseAsync(page, "微信支付");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }));
        await Expect(page.Locator("#cashier-link")).ToHaveTextAsync(new Regex("^打开微信支付支付"));
        await ShotBothAsync(page, "care-11-cashier");
        await PressAsync(page, page.Locator("#cashier-link"));
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "确认支付" }));
        await page.WaitForURLAsync(new Regex($"/apply/{applicationId}/photo$"), new() { Timeout = 30_000 });

        // The photo, again without a camera: chosen from the keyboard, checked at once; the verdict is text.
        await ShotBothAsync(page, "care-12-photo");
        await ChooseFileAsync(page, page.Locator("#photo"), ServiceFixture.DevSetPath("df__img13__offcentre.jpg"));
        // The check is the engine's work: waited for generously, not with Playwright's default 5 s.
        await Expect(page.Locator("#photo-reasons li[data-code=off_center]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("参考线") })).ToBeVisibleAsync();
        await ShotBothAsync(page, "care-13-photo-rejected");
        await ChooseFileAsync(page, page.Locator("#photo"), ServiceFixture.DevSetPath("df__img13__ok.jpg"));
        await Expect(page.GetByText("检测合格。")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await ShotBothAsync(page, "care-14-photo-passed");
        await PressAsync(page, page.Locator("#confirm-photo"));
        await Expect(page.Locator("#photo-confirmed")).ToBeVisibleAsync();
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "查看办理进度" }));

        // The officers do their part in the workbench's API; the applicant follows it on the progress page.
        await OfficersApproveProduceAndDispatchAsync(applicationId);
        for (var attempt = 0; attempt < 60 && (await page.Locator("#state").InnerTextAsync()).Trim() != "证件已签收"; attempt++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Expect(page.Locator("#state")).ToHaveTextAsync("证件已签收");
        await ShotBothAsync(page, "care-15-delivered");
        // Remembered: a new page in the same browser is still in care mode, and it switches back the same way.
        var again = await phone.NewPageAsync();
        await again.GotoAsync("/");
        await Expect(again.Locator("body")).ToHaveClassAsync(new Regex("\\bcare\\b"));
        await PressAsync(again, again.Locator("#care-switch"));
        await Expect(again.Locator("body")).Not.ToHaveClassAsync(new Regex("\\bcare\\b"));
    }

    private async Task OfficersApproveProduceAndDispatchAsync(Guid applicationId)
    {
        var api = browser.Service.Api;
        var reviewer = await api.LoginOfficer("hunan-review");
        await Api.Expect(await api.Post($"/api/officer/applications/{applicationId}/approve", reviewer), HttpStatusCode.OK);
        var producer = await api.LoginOfficer("hunan-production");
        await Api.Expect(await api.Post("/api/officer/production-batches", producer, new { }, Guid.NewGuid().ToString()), HttpStatusCode.Created);
        await Api.Expect(await api.Post($"/api/officer/applications/{applicationId}/dispatch", producer), HttpStatusCode.OK);
    }
}
