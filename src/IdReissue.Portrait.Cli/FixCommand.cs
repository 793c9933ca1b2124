using System.Text.Json;
using IdReissue.Portrait;
using IdReissue.Portrait.Fixing;

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
        if (PhotoOptions.Parse(args, 0) is not { Paths.Count: 2 } options)
        {
            return Usage();
        }

        if (PhotoOptions.LoadCatalogue() is not { } specs || !options.SpecIn(specs))
        {
            return 2;
        }

        var (input, output) = (options.Paths[0], options.Paths[1]);
        var bytes = PhotoOptions.Read(input);
        var models = ModelLocation.Find();
        using var engine = new PortraitEngine(models, specs);
        using var fixer = new PhotoFixer(engine, models);
        var fix = fixer.Fix(bytes, options.Spec);
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

        if (options.AsJson)
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
