using IdReissue.Portrait.Evaluation;
using IdReissue.Portrait.Verification;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// Face verification on ../shared/face-pairs (nine real people, 98 same-person and 294 different-person
/// pairs of ordinary press photos): the goals, and the limits of <see cref="FaceMatchPolicy"/>.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class FaceVerificationAccuracyTests(EngineFixture fixture)
{
    private static readonly Lock Scoring = new();
    private static PairEvaluation? scored;

    private static string FacePairs => Path.Combine(Path.GetDirectoryName(EngineFixture.DevSet)!, "face-pairs");

    /// <summary>Every pair scored once for all tests of this class, each photo embedded once.</summary>
    private PairEvaluation Score()
    {
        lock (Scoring)
        {
            if (scored is null)
            {
                using var matcher = new FaceMatcher(fixture.Engine, ModelLocation.Find());
                var templates = new Dictionary<string, FaceTemplate?>(StringComparer.Ordinal);
                FaceTemplate? Template(string file) =>
                    templates.TryGetValue(file, out var t) ? t : templates[file] = matcher.Extract(File.ReadAllBytes(Path.Combine(FacePairs, file))).Template;
                scored = new PairEvaluation([.. File.ReadLines(Path.Combine(FacePairs, "pairs.csv")).Skip(1).Select(l => l.Split(','))
                    .Select(f => new ScoredPair(f[0], f[1], f[2] == "1", Template(f[0]) is { } a && Template(f[1]) is { } b ? a.SimilarityTo(b) : null))]);
            }

            return scored;
        }
    }

    [Fact]
    public void Every_photo_of_the_pairs_gives_a_template()
    {
        var evaluation = Score();

        Assert.All(evaluation.Pairs, p => Assert.NotNull(p.Similarity));
    }

    [Fact]
    public void True_accepts_reach_97_percent_at_1_percent_false_accepts()
    {
        var (_, tar) = Score().AtFalseAcceptRate(0.01);

        Assert.True(tar >= 0.97, $"TAR at FAR 1 % is {tar:P1}");
    }

    [Fact]
    public void The_equal_error_rate_is_at_most_3_percent()
    {
        var (_, eer) = Score().EqualErrorRate();

        Assert.True(eer <= 0.03, $"EER is {eer:P2}");
    }

    [Fact]
    public void The_policy_accepts_no_different_person_pair_and_calls_no_same_person_pair_clearly_different()
    {
        var evaluation = Score();
        var policy = FaceMatchPolicy.Default;

        Assert.Equal(0, evaluation.FalseAcceptRate(policy.SameAtLeast));
        Assert.Equal(0, evaluation.Pairs.Count(p => p.SamePerson && policy.Judge(p.Similarity!.Value) == FaceMatch.Different));
    }

    [Fact]
    public void The_same_limit_lies_above_the_one_in_ten_thousand_point_of_the_strangers_scores()
    {
        // A normal fit of the different-person scores, read at 1 in 10,000: the target the limit was set from
        // (docs/portrait.md, "Limits"). A model or alignment change that widens the stranger tail fails here.
        var strangers = new ImpostorTail(Score().Pairs.Where(p => !p.SamePerson).Select(p => p.Similarity!.Value));
        var oneInTenThousand = strangers.NormalPointAt(1e-4);

        Assert.True(oneInTenThousand < FaceMatchPolicy.Default.SameAtLeast, $"1-in-10,000 point {oneInTenThousand:0.000}");
        Assert.True(strangers.Max < FaceMatchPolicy.Default.DifferentBelow, $"highest stranger {strangers.Max:0.000}");
    }
}
