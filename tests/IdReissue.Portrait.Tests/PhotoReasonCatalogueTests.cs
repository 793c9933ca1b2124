using System.Text.RegularExpressions;
using IdReissue.Portrait.Reasons;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// The catalogue is the one place reason codes live: every code the engine gives, every code the contract
/// lists and every code the labelled sets name has its entry, and no call site builds a reason from a bare string.
/// </summary>
[Collection(SharedEngine.Name)]
public partial class PhotoReasonCatalogueTests(EngineFixture fixture)
{
    private static string Shared => Path.GetDirectoryName(EngineFixture.DevSet)!;

    [Fact]
    public void Every_reason_the_engine_gives_on_both_labelled_sets_and_every_labelled_reason_has_an_entry()
    {
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in new[] { EngineFixture.DevSet, EngineFixture.CalibrationSet })
        {
            foreach (var photo in Directory.GetFiles(directory).Where(f => f.EndsWith(".jpg", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal)))
            {
                foreach (var reason in fixture.Engine.Check(File.ReadAllBytes(photo), "cn-id-card").Reasons)
                {
                    seen.Add(reason.Code);
                    if (PhotoReasons.Find(reason.Code) is not { } entry)
                    {
                        unknown.Add($"{Path.GetFileName(photo)}: {reason.Code}");
                    }
                    else if (reason.Value is not null)
                    {
                        Assert.Equal(entry.Unit, reason.Unit);
                    }
                }
            }

            // The labels name codes too ("a|b" for either, ";" between reasons).
            foreach (var code in File.ReadLines(Path.Combine(directory, "labels.csv")).Skip(1).Select(l => l.Split(','))
                         .Where(f => f.Length > 2).SelectMany(f => f[2].Split(';', '|')).Where(c => c.Length > 0))
            {
                if (PhotoReasons.Find(code) is null)
                {
                    unknown.Add($"{Path.GetFileName(directory)}/labels.csv: {code}");
                }
            }
        }

        Assert.True(unknown.Count == 0, string.Join('\n', unknown));
        Assert.True(seen.Count > 15, $"only {seen.Count} codes seen: the sets were not read");
    }

    [Fact]
    public void The_contract_entries_are_exactly_the_codes_of_the_contract_table()
    {
        var contract = File.ReadLines(Path.Combine(Shared, "specs", "portrait-contract.md"))
            .Select(l => TableRow().Match(l)).Where(m => m.Success)
            .SelectMany(m => m.Groups[1].Value.Split('/', StringSplitOptions.TrimEntries))
            .Where(c => c != "code")
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(contract.Count >= 30, $"{contract.Count} codes read from the contract");
        Assert.Equal(contract.Order(StringComparer.Ordinal), PhotoReasons.All.Where(r => r.InContract).Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_code_has_one_entry_with_a_chinese_label_and_the_codes_used_outside_the_contract_are_marked()
    {
        Assert.Equal(PhotoReasons.All.Count, PhotoReasons.All.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(PhotoReasons.All.Count, PhotoReasons.All.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count());
        Assert.All(PhotoReasons.All, r =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", r.Code);
            Assert.Matches("^\\p{IsCJKUnifiedIdeographs}+$", r.Label);
            Assert.Same(r, PhotoReasons.Find(r.Code));
        });
        Assert.False(PhotoReasons.LowResolution.InContract);
        Assert.False(PhotoReasons.NotTheApplicant.InContract);
        Assert.Null(PhotoReasons.Find("no_such_code"));
    }

    [Fact]
    public void Fixed_sentences_are_chinese_and_the_face_count_goes_into_its_place()
    {
        var sentences = PhotoReasons.All
            .SelectMany(r => new[] { r.PhotoCheckSentence, r.ComparisonSentence, r.CaptureSentence })
            .OfType<string>().ToList();

        Assert.All(sentences, s => Assert.Matches("^\\p{IsCJKUnifiedIdeographs}.*。$", s));
        Assert.Equal("照片中检测到2张人脸，证件照只能有本人一人，请单独拍摄。", PhotoReasons.MultipleFaces.Sentence(PhotoReasonSituation.PhotoCheck, 2));
        Assert.Equal("照片中检测到3张人脸，无法确定比对哪一位，请只拍本人。", PhotoReasons.MultipleFaces.With(3, "1", PhotoReasonSituation.Comparison).Message);
        Assert.Throws<InvalidOperationException>(() => PhotoReasons.Blurred.Sentence(PhotoReasonSituation.Capture));
    }

    [Fact]
    public void A_reason_made_from_an_entry_carries_its_code_and_its_unit_only_with_a_value()
    {
        var measured = PhotoReasons.WrongFormat.With(4, "3", "照片是CMYK印刷色彩模式。");
        var unmeasured = PhotoReasons.WrongFormat.With(null, "jpeg", "照片格式为PNG。");

        Assert.Equal(new Reason("wrong_format", 4, "3", "channels", "照片是CMYK印刷色彩模式。"), measured);
        Assert.Null(unmeasured.Unit);
    }

    [Fact]
    public void No_reason_of_the_portrait_engine_is_built_from_a_bare_code()
    {
        var source = Path.Combine(FindRoot(), "src", "IdReissue.Portrait");
        var bare = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("new Reason(", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(Directory.Exists(Path.Combine(source, "Reasons")), source);
        Assert.True(bare.Count == 0, string.Join('\n', bare));
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IdReissue.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("IdReissue.slnx above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*([a-z_ /]+?)\s*\|")]
    private static partial Regex TableRow();
}
