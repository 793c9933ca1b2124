namespace IdReissue.Domain.Regions;

/// <summary>Why a resident needs a new card.</summary>
public enum ReissueCase
{
    /// <summary>丢失补领: the card was lost; it must be reported lost first where the region says so.</summary>
    Loss,

    /// <summary>损坏换领: the card is damaged.</summary>
    Damage,
}

public static class ReissueCaseText
{
    public static string Chinese(this ReissueCase reissueCase) => reissueCase switch
    {
        ReissueCase.Loss => "丢失补领",
        ReissueCase.Damage => "损坏换领",
        _ => reissueCase.ToString(),
    };
}
