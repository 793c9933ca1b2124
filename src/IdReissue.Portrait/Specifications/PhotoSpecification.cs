using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdReissue.Portrait.Specifications;

/// <summary>
/// A photo standard as data (one JSON file per document type): every number a check compares with.
/// Lightness and chroma are CIE L*a*b* units (L 0–100); ratios are unitless; pixel limits are in the
/// spec's own pixel grid.
/// </summary>
public sealed record PhotoSpecification
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Source { get; init; }

    public required int WidthPx { get; init; }

    public required int HeightPx { get; init; }

    public int Dpi { get; init; }

    public required string Format { get; init; }

    public required Range FileSizeKb { get; init; }

    public required Range FaceWidthPx { get; init; }

    public required Range HairTopMarginPx { get; init; }

    public required double EyeLineFromBottomMinPx { get; init; }

    public required double MaxCentreOffsetPx { get; init; }

    public required double MaxRollDegrees { get; init; }

    /// <summary>Nose offset from the face's midline, as a fraction of face width.</summary>
    public required double MaxYaw { get; init; }

    /// <summary>Nose tip between eye line (0) and chin (1).</summary>
    public required Range Pitch { get; init; }

    public required BackgroundRule Background { get; init; }

    public required Range FaceLightness { get; init; }

    public required double MaxClippedFraction { get; init; }

    /// <summary>Spread of lightness (5th to 95th percentile) over the head.</summary>
    public required double MinContrast { get; init; }

    public required CastRule ColourCast { get; init; }

    /// <summary>Standard deviation of the Laplacian of lightness on the face.</summary>
    public required double MinSharpness { get; init; }

    /// <summary>Gradient across 8×8 block borders over gradient inside blocks.</summary>
    public required double MaxBlockiness { get; init; }

    /// <summary>Eye aspect ratio (lid gap over eye width).</summary>
    public required double MinEyeOpening { get; init; }

    /// <summary>Inner-lip gap over mouth width.</summary>
    public required double MaxMouthOpening { get; init; }

    /// <summary>Share of the outer-lip outline that is tooth-coloured (light, far less red than the lips).</summary>
    public required double MaxTeethFraction { get; init; }

    /// <summary>Share of near-white pixels in a lens box above which spectacles reflect light.</summary>
    public required double MaxGlareFraction { get; init; }

    /// <summary>Median lightness of the darker lens box over the skin's; below it, lenses are tinted.</summary>
    public required double MinEyeRegionLightnessRatio { get; init; }

    /// <summary>Colour difference (ΔE) from the cheeks beyond which the lower face is covered.</summary>
    public required double MaxCoveringDifference { get; init; }

    /// <summary>Hair is rarely more saturated than this (C*), even blond hair in warm light.</summary>
    public required double MaxHairChroma { get; init; }

    /// <summary>Hues hair takes (L*a*b* angle, red-brown to blond).</summary>
    public required Range HairHueDegrees { get; init; }

    /// <summary>Outside hair's hues, a colour this saturated (C*) is a fabric.</summary>
    public required double MinFabricChroma { get; init; }

    /// <summary>Hair is rarely lighter than this (L*) — above it, a white cap or headband.</summary>
    public required double MaxHairLightness { get; init; }

    /// <summary>
    /// How far from the background's colour (ΔE, lightness and chroma together) a pixel of the clothing must be to stand
    /// out: 12 L* darker, or as coloured as a pale top (the name is from when only lightness was compared).
    /// </summary>
    public required double ClothingMinLightnessDifference { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (WidthPx <= 0 || HeightPx <= 0)
        {
            errors.Add("widthPx and heightPx must be positive");
        }

        foreach (var (name, range) in new[] { ("fileSizeKb", FileSizeKb), ("faceWidthPx", FaceWidthPx), ("hairTopMarginPx", HairTopMarginPx), ("pitch", Pitch), ("faceLightness", FaceLightness) })
        {
            if (range.Min > range.Max)
            {
                errors.Add($"{name}: min is above max");
            }
        }

        if (Format is not ("jpeg" or "png"))
        {
            errors.Add("format must be jpeg or png");
        }

        return errors;
    }
}

public sealed record Range(double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => $"{Min:0.##}..{Max:0.##}";
}

/// <summary>White background: median L* and chroma, half the lightness spread; measured over the band above
/// the hair and the outer <see cref="EdgeWidthFraction"/> of the photo's width on each side; unevenness leaves
/// out what is not background (hair) and <see cref="HaloWidthFraction"/> of the face width beside it.</summary>
public sealed record BackgroundRule(double MinLightness, double MaxChroma, double MaxUnevenness, double EdgeWidthFraction = 0.07, double HaloWidthFraction = 0.04);

/// <summary>Skin hue (L*a*b* angle) expected between the bounds; a neutral background must stay neutral.</summary>
public sealed record CastRule(double MinHueDegrees, double MaxHueDegrees, double MaxBackgroundChroma);

/// <summary>The specifications shipped in Data/specs (or another folder), validated on load.</summary>
public sealed class SpecificationCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, PhotoSpecification> _specs;

    private SpecificationCatalog(Dictionary<string, PhotoSpecification> specs) => _specs = specs;

    public IEnumerable<PhotoSpecification> All => _specs.Values.OrderBy(s => s.Id, StringComparer.Ordinal);

    public PhotoSpecification? Find(string id) => _specs.GetValueOrDefault(id);

    public static SpecificationCatalog Load(string directory)
    {
        var specs = new Dictionary<string, PhotoSpecification>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            PhotoSpecification spec;
            try
            {
                spec = JsonSerializer.Deserialize<PhotoSpecification>(File.ReadAllText(file), Json) ?? throw new InvalidDataException("empty");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{Path.GetFileName(file)}: {e.Message}", e);
            }

            var errors = spec.Validate();
            if (errors.Count > 0 || spec.Id != Path.GetFileNameWithoutExtension(file))
            {
                throw new InvalidDataException($"{Path.GetFileName(file)}: {string.Join("; ", errors.DefaultIfEmpty("id does not match the file name"))}");
            }

            specs[spec.Id] = spec;
        }

        return specs.Count > 0 ? new SpecificationCatalog(specs) : throw new InvalidDataException($"no photo specification in {directory}");
    }
}
