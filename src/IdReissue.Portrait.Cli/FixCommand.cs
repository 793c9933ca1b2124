using System.Text.Json;
using IdReissue.Portrait;
using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait.Cli;

/// <summary>
/// ./portrait.sh fix [--spec cn-id-card] [--json] INPUT OUTPUT (../shared/specs/photo-fix-contract.md): writes
/// OUTPUT only when the fixed photo passes the check. Exit status 0 when the photo was handled, whatever the
/// verdict; 2 on bad usage.
/// </summary>
internal static class FixCommand
{
    public static int Run(string[] args, JsonSerializerOptions json)
    {
        var spec = "cn-id-card";
        var asJson = false;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--spec" when i + 1 < args.Length:
                    spec = args[++i];
                    break;
                case "--json":
                    asJson = true;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    Console.Error.WriteLine($"unknown option {option}");
                    return Usage();
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count != 2)
        {
            return Usage();
        }

        SpecificationCatalog specs;
        try
        {
            specs = SpecificationCatalog.Load(ModelLocation.SpecificationDirectory);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"invalid photo specification: {e.Message}");
            return 2;
        }

        if (specs.Find(spec) is null)
        {
            Console.Error.WriteLine($"unknown specification '{spec}'; ./portrait.sh specs lists them");
            return 2;
        }

        var (input, output) = (paths[0], paths[1]);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bytes = [];
            Console.Error.WriteLine($"{input}: {e.Message}");
        }

        var models = ModelLocation.Find();
        using var engine = new PortraitEngine(models, specs);
        using var fixer = new PhotoFixer(engine, models);
        var fix = fixer.Fix(bytes, spec);
        var written = false;
        if (fix.Photo is { } photo)
        {
            try
            {
                File.WriteAllBytes(output, photo);
                written = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{output}: {e.Message}");
                return 2;
            }
        }

        if (asJson)
        {
            var check = written && fix.Check is { } c ? new { file = output, spec = c.Spec, verdict = c.Verdict, elapsedMs = c.ElapsedMs, reasons = c.Reasons, measures = c.Measures } : null;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                file = input,
                output = written ? output : null,
                verdict = fix.Verdict,
                elapsedMs = fix.ElapsedMs,
                changes = fix.Changes,
                reasons = fix.Reasons,
                check,
            }, json));
        }
        else
        {
            Console.WriteLine(written ? $"{input}: {fix.Verdict} → {output} ({fix.ElapsedMs:0} ms; {string.Join(", ", fix.Changes)})" : $"{input}: {fix.Verdict} ({fix.ElapsedMs:0} ms)");
            foreach (var reason in fix.Reasons)
            {
                Console.WriteLine($"  {reason.Code}: {reason.Message}");
            }
        }

        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: portrait.sh fix [--spec cn-id-card] [--json] INPUT OUTPUT");
        return 2;
    }
}
