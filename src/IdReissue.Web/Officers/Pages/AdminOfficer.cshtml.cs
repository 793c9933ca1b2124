using IdReissue.Application.Officers;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Officers.Pages;

/// <summary>One officer's account: edit, disable/enable, reset, unlock, and their open sessions.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AdminOfficerModel(
    GetOfficerHandler get, EditOfficerHandler edit, SetOfficerDisabledHandler disable, ResetOfficerHandler reset, UnlockOfficerHandler unlock,
    EndOfficerSessionHandler endSession, LinkOfficerSsoHandler linkSso, OfficerOidcOptions sso, RegionCatalog regions) : FormPage
{
    /// <summary>The identity provider's name when single sign-on is on (the link form shows only then).</summary>
    public string? SsoProvider => sso.Enabled ? sso.DisplayName : null;

    [BindProperty]
    public string? SsoSubject { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Username { get; set; } = string.Empty;

    [BindProperty]
    public OfficerInput Input { get; set; } = new();

    public OfficerDetailView Detail { get; private set; } = null!;

    public SetupLinkView? SetupLink { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyList<(string Id, string Name)> Regions => AdminModel.RegionChoices(regions, User.OfficerRegions());

    public string RegionNames(IReadOnlyList<string> ids) => AdminModel.RegionNames(regions, ids);

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        await LoadAsync(cancellationToken);
        Input = new OfficerInput { DisplayName = Detail.Officer.DisplayName, Roles = [.. Detail.Officer.Roles], Regions = [.. Detail.Officer.Regions] };
        SsoSubject = Detail.Officer.SsoSubject;
        return Page();
    });

    public Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken) => Act(async () =>
    {
        (await edit.HandleAsync(new EditOfficer(User.AsOfficerScope(), Username, Input.DisplayName, Input.Roles, Input.Regions), cancellationToken)).ValueOrThrow();
        return "已保存修改。";
    }, cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) => Act(async () =>
    {
        (await disable.HandleAsync(new SetOfficerDisabled(User.AsOfficerScope(), Username, Disabled: true), cancellationToken)).ValueOrThrow();
        return "已停用该账号，其全部会话已结束。";
    }, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) => Act(async () =>
    {
        (await disable.HandleAsync(new SetOfficerDisabled(User.AsOfficerScope(), Username, Disabled: false), cancellationToken)).ValueOrThrow();
        return "已启用该账号。";
    }, cancellationToken);

    public Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken) => Act(async () =>
    {
        SetupLink = SetupLinkView.From((await reset.HandleAsync(new ResetOfficer(User.AsOfficerScope(), Username), cancellationToken)).ValueOrThrow(), Request);
        return "已重置该账号：密码、动态码和恢复码已清除，全部会话已结束。";
    }, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) => Act(async () =>
    {
        (await unlock.HandleAsync(new UnlockOfficer(User.AsOfficerScope(), Username), cancellationToken)).ValueOrThrow();
        return "已解除登录锁定。";
    }, cancellationToken);

    public Task<IActionResult> OnPostLinkSsoAsync(CancellationToken cancellationToken) => Act(async () =>
    {
        var linked = (await linkSso.HandleAsync(new LinkOfficerSso(User.AsOfficerScope(), Username, SsoSubject), cancellationToken)).ValueOrThrow();
        return linked.SsoSubject is null ? "已取消统一身份认证关联。" : "已关联统一身份认证账号。";
    }, cancellationToken);

    public Task<IActionResult> OnPostEndSessionAsync(string sessionId, CancellationToken cancellationToken) => Act(async () =>
    {
        (await endSession.HandleAsync(new EndOfficerSession(User.AsOfficerScope(), Username, sessionId), cancellationToken)).ValueOrThrow();
        return "已结束该会话。";
    }, cancellationToken);

    /// <summary>Runs the action and shows the account as it now stands, with what was done (or why not).</summary>
    private Task<IActionResult> Act(Func<Task<string>> action, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        Done = await action();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        SsoSubject = Detail.Officer.SsoSubject;
        Input = new OfficerInput { DisplayName = Detail.Officer.DisplayName, Roles = [.. Detail.Officer.Roles], Regions = [.. Detail.Officer.Regions] };
        return Page();
    }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Detail = OfficersApi.Detail((await get.HandleAsync(new GetOfficer(User.AsOfficerScope(), Username), cancellationToken)).ValueOrThrow(),
            OfficersApi.CurrentSessionId(HttpContext));
}
