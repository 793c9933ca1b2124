using System.Text;
using System.Text.Encodings.Web;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Payments;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Sandbox.DemoData;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Sandbox;

/// <summary>
/// The sandbox's own surface, present only when the sandbox gateways are on: demo residents, the SMS
/// outbox, and the payment cashier. These are the stand-ins' screens, not the service's API.
/// </summary>
public static class SandboxApi
{
    public static RouteGroupBuilder MapSandboxApi(this IEndpointRouteBuilder routes, bool smsInbox)
    {
        var group = routes.MapGroup("/sandbox").WithTags("Sandbox").AllowAnonymous();
        group.MapPost("/residents", IssueResident).WithName("IssueDemoResident").WithSummary("Sandbox: a fresh synthetic resident of a profile");
        if (smsInbox)
        {
            // The phone goes in the body: personal data never travels in a URL, not even the sandbox's.
            group.MapPost("/sms/inbox", SmsMessages).WithName("ReadSandboxSms").WithSummary("Sandbox: the text messages sent to a phone");
        }

        group.MapGet("/cashier/{orderNumber}", Cashier).WithName("ShowSandboxCashier").WithSummary("Sandbox: the payment cashier page");
        group.MapPost("/cashier/{orderNumber}/pay", Pay).DisableAntiforgery().WithName("PayAtSandboxCashier").WithSummary("Sandbox: the payer pays (or fails to) at the cashier");
        group.MapGet("/household-page.jpg", HouseholdPageSample).WithName("GetSandboxHouseholdPage")
            .WithSummary("Sandbox: a drawn household register page (户口页) to upload where a region asks for one");
        group.MapGet("/callbacks", Callbacks).WithName("ListSandboxCallbacks").WithSummary("Sandbox: the gateway callbacks sent and due");
        group.MapSandboxFaceApi();
        return group;
    }

    /// <summary>
    /// The inbox shows every log-in code the sandbox sent, to anyone: whoever reaches it can log in as anyone.
    /// So only where the sandbox was switched on by name, and never in production on PostgreSQL (a deployment)
    /// unless `Sandbox:SmsInbox` asks for it by name (a load test's nodes).
    /// </summary>
    public static bool SmsInboxAllowed(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetValue<bool?>("Sandbox:Enabled") != true)
        {
            return false;
        }

        return configuration.GetValue<bool?>("Sandbox:SmsInbox")
            ?? !(environment.IsProduction() && configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.PostgreSql);
    }

    public static async Task<Created<DemoResident>> IssueResident(
        IssueResidentRequest request, RegionCatalog regions, SandboxResidentIssuer issuer, CancellationToken cancellationToken)
    {
        var region = regions.Get(request.Region);
        var resident = await issuer.IssueAsync(region, request.Profile ?? ResidentProfiles.Eligible, cancellationToken);
        return TypedResults.Created($"/sandbox/residents/{resident.CitizenId}", new DemoResident(
            resident.Name, resident.CitizenId, resident.HouseholdNumber, resident.HouseholdDivisionCode,
            AdministrativeDivisions.Official.Describe(resident.HouseholdDivisionCode), resident.Phone, region.Id, request.Profile ?? ResidentProfiles.Eligible,
            resident.LastCardIssuedOn, resident.FingerprintsRecorded, resident.RegistryPhoto));
    }

    public static async Task<Ok<List<SmsView>>> SmsMessages(SmsInboxRequest request, SandboxConsole console, CancellationToken cancellationToken)
    {
        var messages = await console.MessagesToAsync(PhoneNumber.Require(request.Phone), 20, cancellationToken);
        return TypedResults.Ok(messages.Select(m => new SmsView(m.Phone, m.Text, ChinaTime.Local(m.SentAt))).ToList());
    }

    /// <summary>The cashier page a payer sees: amount, QR code content, and the buttons of a sandbox payer.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Cashier(
        string orderNumber, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "return")] string? returnPath, SandboxConsole console, CancellationToken cancellationToken)
    {
        var order = await console.FindOrderAsync(orderNumber, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound("order_not_found", "收银台查无此订单。");
        }

        var html = HtmlEncoder.Default;
        var page = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>沙箱收银台</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"page\"><h1>沙箱收银台（").Append(html.Encode(order.Channel.Chinese())).Append("）</h1>")
            .Append("<p>订单号：").Append(html.Encode(order.OrderNumber)).Append("</p>")
            .Append("<p>商品：").Append(html.Encode(order.Description)).Append("</p>")
            .Append("<p>金额：").Append(html.Encode(new Money(order.AmountFen).ToString())).Append("</p>")
            .Append("<p>状态：").Append(html.Encode(StateText(order.State))).Append("</p>");
        if (order.State == GatewayPaymentState.NotPaid)
        {
            page.Append("<form method=\"post\" action=\"/sandbox/cashier/").Append(html.Encode(order.OrderNumber)).Append("/pay\">");
            if (IsLocalPath(returnPath))
            {
                page.Append("<input type=\"hidden\" name=\"return\" value=\"").Append(html.Encode(returnPath!)).Append("\">");
            }

            page.Append("<div class=\"actions\"><button class=\"primary\" name=\"outcome\" value=\"success\">确认支付</button> ")
                .Append("<button class=\"secondary\" name=\"outcome\" value=\"fail\">模拟支付失败</button></div></form>");
        }

        page.Append("</main></body></html>");
        return TypedResults.Content(page.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>The payer pays (or fails to) at the cashier; the result reaches the service by notification.</summary>
    public static async Task<Results<Ok<CashierResult>, RedirectHttpResult>> Pay(
        string orderNumber, HttpRequest http, SandboxConsole console, CancellationToken cancellationToken)
    {
        var form = http.HasFormContentType ? await http.ReadFormAsync(cancellationToken) : null;
        var outcome = form is not null ? form["outcome"].ToString() : http.Query["outcome"].ToString();
        var order = await console.PayAtCashierAsync(orderNumber, outcome != "fail", cancellationToken);
        var returnPath = form?["return"].ToString();
        if (IsLocalPath(returnPath))
        {
            // As a real H5 cashier does: back to the merchant's page, which then learns the result.
            return TypedResults.Redirect(returnPath!);
        }

        return TypedResults.Ok(new CashierResult(order.OrderNumber, order.State.ToString(), order.State == GatewayPaymentState.Paid ? "支付成功，结果将通知办理系统。" : "支付未成功。"));
    }

    /// <summary>A drawn 户口页 for a walk through a region that asks for one: a photo of a face is refused as a page, and no real
    /// page may be used in the sandbox.</summary>
    public static FileContentHttpResult HouseholdPageSample() =>
        TypedResults.File(SandboxHouseholdPage.Draw(), "image/jpeg", "沙箱示例户口页.jpg");

    private static string StateText(GatewayPaymentState state) => state switch
    {
        GatewayPaymentState.NotPaid => "待支付",
        GatewayPaymentState.Paid => "已支付",
        GatewayPaymentState.Closed => "已关闭",
        GatewayPaymentState.Failed => "支付失败",
        _ => "未知",
    };

    private static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\'));

    public static async Task<Ok<List<CallbackView>>> Callbacks(SandboxConsole console, CancellationToken cancellationToken)
    {
        var callbacks = await console.CallbacksAsync(50, cancellationToken);
        return TypedResults.Ok(callbacks.Select(c => new CallbackView(c.Path, c.DueAt, c.Attempts, c.DeliveredAt, c.FailedAt, c.LastResult)).ToList());
    }
}

public sealed record IssueResidentRequest(string? Region, string? Profile);

/// <summary>A synthetic resident; shown in full because it is not a real person.</summary>
public sealed record DemoResident(
    string Name, string CitizenId, string HouseholdNumber, string HouseholdDivisionCode, string HouseholdPlace, string Phone, string Region, string Profile,
    DateOnly? LastCardIssuedOn, bool FingerprintsRecorded, string? RegistryPhoto);

public sealed record SmsInboxRequest(string? Phone);

public sealed record SmsView(string Phone, string Text, DateTimeOffset SentAt);

public sealed record CashierResult(string OrderNumber, string State, string Message);

public sealed record CallbackView(string Path, DateTimeOffset DueAt, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset? FailedAt, string? LastResult);
