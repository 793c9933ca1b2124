using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait.Cli;

/// <summary>What check and fix both take: [--spec ID] [--json] and file paths, against the specification catalogue.</summary>
internal sealed record PhotoOptions(string Spec, bool AsJson, IReadOnlyList<string> Paths)
{
    /// <summary>The options from <paramref name="from"/> on; null after reporting an unknown option.</summary>
    public static PhotoOptions? Parse(string[] args, int from)
    {
        var spec = "cn-id-card";
        var asJson = false;
        var paths = new List<string>();
        for (var i = from; i < args.Length; i++)
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
                    return null;
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        return new PhotoOptions(spec, asJson, paths);
    }

    /// <summary>The shipped catalogue; null after reporting a broken specification file.</summary>
    public static SpecificationCatalog? LoadCatalogue()
    {
        try
        {
            return SpecificationCatalog.Load(ModelLocation.SpecificationDirectory);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"invalid photo specification: {e.Message}");
            return null;
        }
    }

    /// <summary>Whether the catalogue has the chosen specification; reports it when not.</summary>
    public bool SpecIn(SpecificationCatalog specs)
    {
        if (specs.Find(Spec) is not null)
        {
            return true;
        }

        Console.Error.WriteLine($"unknown specification '{Spec}'; ./portrait.sh specs lists them");
        return false;
    }

    /// <summary>A file's bytes, or none (which the engine answers as an unreadable image) after reporting why.</summary>
    public static byte[] Read(string path, bool quiet = false)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!quiet)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
            }

            return [];
        }
    }
}
