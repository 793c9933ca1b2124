using System.ComponentModel.DataAnnotations;

namespace IdReissue.Infrastructure.Configuration;

/// <summary>The checks an enabled gateway's settings share: each failure names its configuration key.</summary>
internal sealed class GatewaySettingsCheck(string section)
{
    private readonly List<ValidationResult> _problems = [];

    public IEnumerable<ValidationResult> Problems => _problems;

    public GatewaySettingsCheck Text(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _problems.Add(new ValidationResult($"{section}:{name} is required when {section}:Enabled is true.", [name]));
        }

        return this;
    }

    public GatewaySettingsCheck Secret(string? value, string? file, string name)
    {
        // Only that one is given: a mounted file is read when the gateway first needs it (GatewaySecret), and may
        // appear after the options are bound.
        if (string.IsNullOrWhiteSpace(value) && string.IsNullOrWhiteSpace(file))
        {
            _problems.Add(new ValidationResult($"Set {section}:{name} (or {section}:{name}File, a mounted file) when {section}:Enabled is true; see docs/operations.md.", [name]));
        }

        return this;
    }

    /// <summary>An absolute https address (where a gateway posts to or sends the payer back to).</summary>
    public GatewaySettingsCheck HttpsUrl(string? value, string name, bool optional = false)
    {
        if (optional && string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            _problems.Add(new ValidationResult($"{section}:{name} must be an absolute https:// address.", [name]));
        }

        return this;
    }

    public GatewaySettingsCheck Rule(bool holds, string message, string name)
    {
        if (!holds)
        {
            _problems.Add(new ValidationResult(message, [name]));
        }

        return this;
    }
}
