using IdReissue.Application.Common;

namespace IdReissue.Application.Officers;

/// <summary>
/// An officer's password: long enough, not one of the 10 000 most common passwords (the list ships as a resource),
/// not the username. No composition rules: they make passwords harder to remember, not to guess.
/// </summary>
public sealed class PasswordRules(OfficerOptions options)
{
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Problem? Check(string? password, string username)
    {
        password ??= string.Empty;
        if (password.Length < options.MinimumPasswordLength)
        {
            return Problem.Invalid("password_too_short", $"密码至少需要{options.MinimumPasswordLength}个字符，建议使用一句容易记住的话。", "password");
        }

        if (password.Length > MaximumLength)
        {
            return Problem.Invalid("password_too_long", $"密码最多{MaximumLength}个字符。", "password");
        }

        if (IsCommon(password) || string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Invalid("password_too_common", "该密码过于常见，容易被猜中，请换一个。", "password");
        }

        return null;
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("IdReissue.Application.Officers.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
