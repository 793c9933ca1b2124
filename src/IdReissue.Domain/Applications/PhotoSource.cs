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

public static class PhotoSourceText
{
    public static string Chinese(this PhotoSource source) => source switch
    {
        PhotoSource.Undecided => "未定",
        PhotoSource.Historic => "沿用原证照片",
        PhotoSource.New => "新照片",
        _ => source.ToString(),
    };
}
