namespace IdReissue.Domain.Applications;

public enum PhotoSource
{
    /// <summary>Not decided yet (before payment).</summary>
    Undecided,

    /// <summary>The historic production photo is reused; nothing to submit.</summary>
    Historic,

    /// <summary>A new electronic photo must be submitted under the photo number.</summary>
    New,
}
