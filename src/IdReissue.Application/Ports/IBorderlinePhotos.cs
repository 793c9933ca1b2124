namespace IdReissue.Application.Ports;

/// <summary>The photo standard's judgement of a photo that passed: are its measures near the limits of its region's standard?</summary>
public interface IBorderlinePhotos
{
    /// <summary>False when the region's standard is not known to the portrait engine.</summary>
    bool IsBorderline(string regionId, IReadOnlyDictionary<string, double> measures);
}
