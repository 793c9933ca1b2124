using System.Text;
using System.Text.RegularExpressions;
using IdReissue.Application.Auth;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Officers;

/// <summary>
/// The rules every change of an officer's account goes through: the acting administrator is one (still enabled, still
/// holding the role), holds every region of the officer, grants only known roles and regions they hold, never raises
/// their own rights, and never leaves the service without an enabled administrator.
/// </summary>
public sealed partial class OfficerAdministration(IOfficerAccountStore officers, IRegionPolicies regions, ISessionStore sessions, IUnitOfWork unitOfWork)
{
    public static readonly IReadOnlyList<string> OfficerSessionKinds = [SessionKinds.Officer, SessionKinds.OfficerPending];

    public static readonly Problem NotAnAdministrator = Problem.Forbidden("not_an_administrator", "只有管理员可以管理办事人员账号。");

    private static readonly Problem NotFound = Problem.NotFound("officer_not_found", "未找到该办事人员账号。");

    private static readonly Problem LastAdministrator =
        Problem.Conflict("last_administrator", "这是最后一名启用的管理员，不能停用或取消其管理员角色。请先为另一名办事人员分配管理员角色。");

    /// <summary>The lock every save that may take an administrator away takes in turn (<see cref="SaveKeepingAnAdministratorAsync"/>).</summary>
    private const string AdministratorsLock = "officers.enabled-administrators";

    /// <summary>The acting administrator's account, or the refusal.</summary>
    public async Task<Result<OfficerCredentials>> AdministratorAsync(OfficerScope administrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(administrator);
        var acting = await officers.FindAsync(administrator.Username, cancellationToken);
        return acting is { Disabled: false } && acting.Roles.Contains(OfficerRights.Admin) ? acting : NotAnAdministrator;
    }

    /// <summary>The acting administrator and the officer they change (if they may see them), or the refusal.</summary>
    public async Task<Result<AdministeredOfficer>> AdministerAsync(OfficerScope administrator, string? username, CancellationToken cancellationToken)
    {
        var acting = await AdministratorAsync(administrator, cancellationToken);
        if (!acting.Succeeded)
        {
            return acting.Problem!;
        }

        var target = await TargetAsync(administrator, username, cancellationToken);
        return target.Succeeded ? new AdministeredOfficer(acting.Value, target.Value) : target.Problem!;
    }

    /// <summary>The officer the administrator (null: the operator's command line) changes, if they hold every region of the
    /// officer's: an administrator of one region must not disable or reset someone who also works for another.</summary>
    public async Task<Result<OfficerCredentials>> TargetAsync(OfficerScope? administrator, string? username, CancellationToken cancellationToken)
    {
        var target = string.IsNullOrWhiteSpace(username) ? null : await officers.FindAsync(username.Trim(), cancellationToken);
        return target is not null && (administrator is null || administrator.Regions.Covers(target.Regions)) ? target : NotFound;
    }

    public static Problem? CheckUsername(string? username) =>
        username is not null && UsernamePattern().IsMatch(username)
            ? null
            : Problem.Invalid("invalid_username", "用户名须为3至40位小写字母、数字、点、横线或下划线，以字母或数字开头。", "username");

    public static Problem? CheckDisplayName(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 40
            ? Problem.Invalid("invalid_display_name", "请填写姓名（40个字以内）。", "displayName")
            : null;

    /// <summary>The roles as stored, or the refusal of an unknown one.</summary>
    public static (IReadOnlyList<string> Roles, Problem? Problem) CheckRoles(IReadOnlyList<string>? roles)
    {
        roles ??= [];
        return roles.FirstOrDefault(r => !OfficerRights.IsKnown(r)) is { } unknown
            ? ([], Problem.Invalid("unknown_role", $"没有“{unknown}”这个角色。", "roles"))
            : (OfficerRights.Normalize(roles), null);
    }

    /// <summary>At least one region, each one the service runs for, or "*" (every region); all within the administrator's
    /// own: granting a region one does not hold would raise one's own reach through someone else's account.</summary>
    public (OfficerRegions Regions, Problem? Problem) CheckRegions(OfficerScope? administrator, IReadOnlyList<string>? requested)
    {
        var granted = OfficerRegions.Of(requested);
        if (!granted.IsEvery && granted.Ids.Count == 0)
        {
            return (granted, Problem.Invalid("regions_required", "请至少选择一个辖区。", "regions"));
        }

        foreach (var region in granted.Ids)
        {
            try
            {
                regions.PolicyOf(region);
            }
            catch (DomainException unknown)
            {
                return (granted, Problem.Invalid(unknown.Code, unknown.Message, "regions"));
            }
        }

        return administrator is null || administrator.Regions.Covers(granted)
            ? (granted, null)
            : (granted, Problem.Forbidden("region_out_of_scope", "只能分配本人所辖的辖区。"));
    }

    /// <summary>An administrator never raises their own rights: no role they lack, no region they do not hold.</summary>
    public static Problem? CheckNoSelfRaise(OfficerCredentials acting, OfficerCredentials target, IReadOnlyList<string> roles, OfficerRegions regions)
    {
        ArgumentNullException.ThrowIfNull(acting);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(regions);
        if (acting.Username != target.Username)
        {
            return null;
        }

        return roles.All(acting.Roles.Contains) && acting.Regions.Covers(regions)
            ? null
            : Problem.Forbidden("self_raise_refused", "不能提高自己的权限，请由另一名管理员办理。");
    }

    /// <summary>Refuses a change that would leave no enabled administrator (disabling or demoting the last one).</summary>
    public async Task<Problem?> CheckNotLastAdministratorAsync(OfficerCredentials target, bool staysAdministrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var isAdministrator = !target.Disabled && target.Roles.Contains(OfficerRights.Admin);
        return !isAdministrator || staysAdministrator || await officers.CountEnabledAdministratorsAsync(cancellationToken) > 1 ? null : LastAdministrator;
    }

    /// <summary>
    /// Saves a change that takes an administrator away (disabled, or the role removed) only if an enabled administrator
    /// remains after it, counted inside the save's transaction, which such saves take in turn. The check before the change
    /// (<see cref="CheckNotLastAdministratorAsync"/>) answers at once, but two administrators demoting or disabling each other
    /// at the same moment both pass it, each counting the other; of two such saves the second counts after the first.
    /// </summary>
    public async Task<Problem?> SaveKeepingAnAdministratorAsync(CancellationToken cancellationToken) =>
        await unitOfWork.SaveIfStillAsync(AdministratorsLock, async ct => await officers.CountEnabledAdministratorsAsync(ct) > 0, cancellationToken)
            ? null
            : LastAdministrator;

    /// <summary>Ends every session the officer holds (signed in, or half-way through a second factor) at once, on every node.</summary>
    public Task<int> EndSessionsAsync(string username, CancellationToken cancellationToken) =>
        sessions.EndAllAsync(OfficerSessionKinds, username, cancellationToken);

    /// <summary>"name: A → B; roles: review → review,finance" for the fields that changed; "—" stands for nothing.</summary>
    public static string Changes(params (string Field, string? Before, string? After)[] fields)
    {
        var text = new StringBuilder();
        foreach (var (field, before, after) in fields.Where(f => f.Before != f.After))
        {
            text.Append(text.Length == 0 ? string.Empty : "; ").Append(field).Append(": ").Append(before ?? "—").Append(" → ").Append(after ?? "—");
        }

        return text.Length == 0 ? "no change" : text.ToString();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}

/// <summary>An administrator's account and the account of the officer they change.</summary>
public sealed record AdministeredOfficer(OfficerCredentials Acting, OfficerCredentials Target);
