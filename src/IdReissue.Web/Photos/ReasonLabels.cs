using IdReissue.Portrait.Reasons;

namespace IdReissue.Web.Photos;

/// <summary>Short Chinese names of the photo reason codes, for charts and lists; the catalogue holds them.</summary>
public static class ReasonLabels
{
    /// <summary>The label of a code; a code the catalogue does not know (an old record's) shows as itself rather than vanish.</summary>
    public static string For(string code) => PhotoReasons.Find(code)?.Label ?? code;
}
