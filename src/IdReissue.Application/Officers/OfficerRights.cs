namespace IdReissue.Application.Officers;

/// <summary>The roles an officer can hold, in the order they are shown, with their Chinese names.</summary>
public static class OfficerRights
{
    public const string Acceptance = "acceptance";
    public const string Review = "review";
    public const string Production = "production";
    public const string Finance = "finance";
    public const string Admin = "admin";

    /// <summary>A right of its own, implied by no role: see personal data unmasked. Every use is audited.</summary>
    public const string Reveal = "reveal";

    public static IReadOnlyList<(string Role, string Chinese)> All { get; } =
    [
        (Acceptance, "受理"),
        (Review, "审核"),
        (Production, "制证/发证"),
        (Finance, "财务（退款）"),
        (Reveal, "查看完整个人信息"),
        (Admin, "管理员"),
    ];

    public static string Chinese(string role) => All.FirstOrDefault(r => r.Role == role).Chinese ?? role;

    /// <summary>The roles as stored: known ones only, each once, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> roles) =>
        All.Select(r => r.Role).Where(roles.Contains).ToList();

    public static bool IsKnown(string role) => All.Any(r => r.Role == role);

    /// <summary>For audit details: "review,finance", or "—" for none.</summary>
    public static string Describe(IReadOnlyList<string> roles) => roles.Count == 0 ? "—" : string.Join(',', roles);
}
