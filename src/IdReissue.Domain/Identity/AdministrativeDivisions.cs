using System.Collections.Frozen;

namespace IdReissue.Domain.Identity;

/// <summary>
/// GB/T 2260 administrative division codes, current and abolished (an ID number keeps the code of
/// its first issue). The data is generated from a registry package; see scripts/generate-division-codes.sh.
/// </summary>
public sealed class AdministrativeDivisions
{
    private static readonly Lazy<AdministrativeDivisions> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, Division> _divisions;

    public AdministrativeDivisions(IEnumerable<Division> divisions) =>
        _divisions = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>The catalogue compiled into this assembly.</summary>
    public static AdministrativeDivisions Official => Embedded.Value;

    public int Count => _divisions.Count;

    public IEnumerable<Division> All => _divisions.Values;

    public Division? Find(string code) => _divisions.GetValueOrDefault(code);

    /// <summary>The province-level division a six-digit code belongs to (e.g. 430102 → 430000 湖南省).</summary>
    public Division? ProvinceOf(string code) => code.Length == 6 ? Find(code[..2] + "0000") : null;

    /// <summary>The prefecture-level code (first four digits) used to tell "same city" apart.</summary>
    public static string CityPrefix(string code) => code.Length >= 4 ? code[..4] : code;

    /// <summary>A readable place name: province, city and district where known.</summary>
    public string Describe(string code)
    {
        var parts = new List<string>(3);
        foreach (var candidate in new[] { code[..2] + "0000", code[..4] + "00", code })
        {
            if (Find(candidate) is { } division && (parts.Count == 0 || parts[^1] != division.Name))
            {
                parts.Add(division.Name);
            }
        }

        return string.Concat(parts.Distinct());
    }

    private static AdministrativeDivisions LoadEmbedded()
    {
        using var stream = typeof(AdministrativeDivisions).Assembly.GetManifestResourceStream("IdReissue.Domain.gb2260-divisions.csv")
            ?? throw new InvalidOperationException("The GB/T 2260 division data is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var divisions = new List<Division>(3300);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(',');
            divisions.Add(new Division(fields[0], fields[1], fields[2] == "abolished"));
        }

        return new AdministrativeDivisions(divisions);
    }
}

/// <summary>One GB/T 2260 division.</summary>
public sealed record Division(string Code, string Name, bool Abolished);
