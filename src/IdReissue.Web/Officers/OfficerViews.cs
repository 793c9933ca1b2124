using IdReissue.Application.Auth;
using IdReissue.Application.Officers;
using IdReissue.Application.Ports;

namespace IdReissue.Web.Officers;

/// <summary>An officer's account as an administrator sees it (never the password's hash or the second factor's secret);
/// <see cref="Regions"/> is ["*"] for an officer of every region.</summary>
public sealed record OfficerAccountView(
    string Username, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> RoleNames, IReadOnlyList<string> Regions, bool Disabled,
    bool HasPassword, bool HasSecondFactor, DateTimeOffset? SetupLinkExpiresAt, string? SsoSubject)
{
    public string State => Disabled ? "已停用" : !HasPassword ? "待设置密码" : "正常";

    public static OfficerAccountView From(OfficerCredentials officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return new(officer.Username, officer.DisplayName, officer.Roles, officer.Roles.Select(OfficerRights.Chinese).ToList(), officer.Regions.ToList(),
            officer.Disabled, officer.HasPassword, officer.HasSecondFactor, officer.SetupExpiresAt, OfficerSsoLink.SubjectOf(officer.SsoSubject));
    }
}

/// <summary>One open session: its id (the token's digest; the token itself is never stored), kind, times, and whether it is the caller's own.</summary>
public sealed record SessionView(string Id, string Kind, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Current)
{
    public string KindName => Kind == SessionKinds.OfficerPending ? "登录中（待验证动态码）" : "已登录";

    public static SessionView From(SessionSummary session, string? currentId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(session.Id, session.Kind, session.CreatedAt, session.ExpiresAt, session.Id == currentId);
    }
}

public sealed record OfficerDetailView(OfficerAccountView Officer, IReadOnlyList<SessionView> Sessions, int RecoveryCodesLeft);

/// <summary>A new officer: username, name, roles (acceptance, review, production, finance, reveal, admin) and regions, one or
/// more (["*"]: every region, including any added later).</summary>
public sealed record CreateOfficerRequest(string? Username, string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Regions);

/// <summary>The subject (<c>sub</c>) the bureau's identity provider knows the officer by; empty or null unlinks.</summary>
public sealed record LinkOfficerSsoRequest(string? Subject);

/// <summary>The officer's name, roles and regions as they are to be (["*"]: every region).</summary>
public sealed record EditOfficerRequest(string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Regions);

/// <summary>The one-time set-up link: give it to the officer by a trusted way; it works once, until <see cref="ExpiresAt"/>.</summary>
public sealed record SetupLinkView(string Username, string SetupPath, string SetupUrl, DateTimeOffset ExpiresAt)
{
    public static SetupLinkView From(OfficerSetupLink link, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(request);
        return new(link.Username, link.Path, $"{request.Scheme}://{request.Host}{request.PathBase}{link.Path}", link.ExpiresAt);
    }
}
