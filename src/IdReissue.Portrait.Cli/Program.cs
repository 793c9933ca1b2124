using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using IdReissue.Portrait;
using IdReissue.Portrait.Cli;
using IdReissue.Portrait.Evaluation;
using IdReissue.Portrait.Specifications;

// ./portrait.sh check [--spec cn-id-card] [--json] FILE... | fix [--spec ID] [--json] INPUT OUTPUT | sheet PHOTO OUT.png|OUT.pdf | specs | evaluate DIR [--spec ID] | calibrate DIR... [--spec ID]
//   | liveness [--json] --challenge ACTION[,ACTION...] [--fps N] [--registry PHOTO] FRAME... (../shared/specs/liveness-contract.md)
//   | compare [--json] FILE_A FILE_B | compare [--json] --pairs PAIRS.csv | evaluate-pairs PAIRS.csv [IDENTITIES.csv]
// Exit status: 0 when every file was checked (whatever the verdicts), 2 on bad usage.
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
// Photo fix (issue 12): its own options and output, ../shared/specs/photo-fix-contract.md.
if (args.Length > 0 && args[0] == "fix")
{
    return IdReissue.Portrait.Cli.FixCommand.Run(args[1..], json);
}

if (args.Length > 0 && args[0] == "sheet")
{
    return IdReissue.Portrait.Cli.SheetCommand.Run(args[1..]);
}

if (args.Length == 0 || args[0] is not ("check" or "specs" or "evaluate" or "calibrate" or "compare" or "evaluate-pairs" or "liveness"))
{
    return Usage();
}

if (PhotoOptions.LoadCatalogue() is not { } specs)
{
    return 2;
}

if (args[0] == "specs")
{
    foreach (var s in specs.All)
    {
        Console.WriteLine($"{s.Id}\t{s.Name}\t{s.WidthPx}x{s.HeightPx}\t{s.Format}");
    }

    return 0;
}

if (args[0] == "liveness")
{
    using var livenessEngine = new PortraitEngine(ModelLocation.Find(), specs);
    return LivenessCommand.Run(args[1..], livenessEngine, json);
}

if (args[0] is "compare" or "evaluate-pairs")
{
    using var faceEngine = new PortraitEngine(ModelLocation.Find(), specs);
    return CompareCommand.Run(args, faceEngine, json) == 2 ? Usage() : 0;
}

if (PhotoOptions.Parse(args, 1) is not { } options)
{
    return Usage();
}

if (!options.SpecIn(specs))
{
    return 2;
}

var (spec, asJson, files) = (options.Spec, options.AsJson, options.Paths);
if (files.Count == 0)
{
    return Usage();
}

using var engine = new PortraitEngine(ModelLocation.Find(), specs);
if (args[0] == "calibrate")
{
    // Limits from the spread of many faces, and a leave-one-person-out check of them (docs/portrait.md).
    List<LabelledPhoto> photos;
    try
    {
        photos = Calibration.Load(files);
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"calibrate: {e.Message} (each folder needs a labels.csv)");
        return 2;
    }

    Calibration.Run(engine, photos, specs.Find(spec)!).Print(Console.Out);
    return 0;
}

if (args[0] == "evaluate")
{
    var report = LabelledEvaluation.Run(engine, files[0], spec, Console.Out);
    report.Print(Console.Out);
    return 0;
}

// A batch is checked by a process that has just started, whose first twenty or so photos would run in the JIT's
// quick first-tier code at about twice the time (dev set p50 31–35 ms cold against 16–18 ms warm in the same
// process) and report that as the engine's time. Checking the first photo twenty times first (~0.6 s) lets the
// runtime optimise the hot paths, so each reported time is the engine's, as in the long-running service.
const int BatchWarmUpChecks = 20;
if (files.Count > 1 && files.Select(f => PhotoOptions.Read(f, quiet: true)).FirstOrDefault(b => b.Length > 0) is { } sample)
{
    for (var i = 0; i < BatchWarmUpChecks; i++)
    {
        engine.Check(sample, spec);
    }
}

foreach (var file in files)
{
    var result = engine.Check(PhotoOptions.Read(file), spec);
    if (asJson)
    {
        Console.WriteLine(JsonSerializer.Serialize(new { file, spec = result.Spec, verdict = result.Verdict, elapsedMs = result.ElapsedMs, reasons = result.Reasons, measures = result.Measures }, json));
    }
    else
    {
        Console.WriteLine($"{file}: {result.Verdict} ({result.ElapsedMs:0.0} ms)");
        foreach (var reason in result.Reasons)
        {
            Console.WriteLine($"  {reason.Code}: {reason.Message}");
        }
    }
}

return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: portrait.sh check [--spec cn-id-card] [--json] FILE... | fix [--spec cn-id-card] [--json] INPUT OUTPUT | sheet PHOTO OUT.png|OUT.pdf | specs | evaluate DIR [--spec ID] | calibrate DIR... [--spec ID]");
    Console.Error.WriteLine("       portrait.sh liveness [--json] --challenge ACTION[,ACTION...] [--fps N] [--registry PHOTO] FRAME...");
    Console.Error.WriteLine("       portrait.sh compare [--json] FILE_A FILE_B | compare [--json] --pairs PAIRS.csv | evaluate-pairs PAIRS.csv [IDENTITIES.csv]");
    return 2;
}
