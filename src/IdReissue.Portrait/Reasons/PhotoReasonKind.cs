using System.Globalization;

namespace IdReissue.Portrait.Reasons;

/// <summary>
/// One kind of photo reason: its stable code (portrait-contract.md), a short Chinese label for charts and
/// lists, what it is about, and the unit of the value it measures. Reasons are made from the entry so the
/// code and the unit cannot drift from one call site to another.
/// </summary>
/// <param name="InContract">False for codes the contract's table does not list (the fixer's and the web host's own).</param>
public sealed record PhotoReasonKind(string Code, string Label, PhotoReasonCategory Kind, string? Unit = null, bool InContract = true)
{
    /// <summary>Stands for the number of faces in a sentence that names it.</summary>
    public const string CountPlaceholder = "{count}";

    /// <summary>The fixed sentence of the photo check and the photo fixer (an ID photo was uploaded).</summary>
    public string? PhotoCheckSentence { get; init; }

    /// <summary>The fixed sentence of a face comparison (人证比对), where the photo need not be an ID photo.</summary>
    public string? ComparisonSentence { get; init; }

    /// <summary>The fixed sentence for a camera capture of 实人认证, which the citizen retakes on the spot.</summary>
    public string? CaptureSentence { get; init; }

    /// <summary>
    /// A reason of this kind. The unit goes with a value only: a reason without a number (a file in another
    /// format, a cut-off head) has nothing to measure it in.
    /// </summary>
    public Reason With(double? value, string? limit, string message) =>
        new(Code, value, limit, value is null ? null : Unit, message);

    /// <summary>A reason told in the fixed sentence of a situation; where the sentence names the number of faces, the value is it.</summary>
    public Reason With(double? value, string? limit, PhotoReasonSituation situation) =>
        With(value, limit, value is { } faces ? Sentence(situation, (int)faces) : Sentence(situation));

    /// <summary>The fixed sentence of a situation; asking for one the entry does not have is a programming error.</summary>
    public string Sentence(PhotoReasonSituation situation) => situation switch
    {
        PhotoReasonSituation.PhotoCheck => PhotoCheckSentence,
        PhotoReasonSituation.Comparison => ComparisonSentence,
        PhotoReasonSituation.Capture => CaptureSentence,
        _ => null,
    } ?? throw new InvalidOperationException($"{Code} has no fixed sentence for {situation}.");

    /// <summary>The fixed sentence of a situation with the number of faces put in its place.</summary>
    public string Sentence(PhotoReasonSituation situation, int faces) =>
        Sentence(situation).Replace(CountPlaceholder, faces.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
