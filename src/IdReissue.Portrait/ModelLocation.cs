namespace IdReissue.Portrait;

/// <summary>Where the face models are: IDREISSUE_MODELS, else the repository's .models (filled by scripts/fetch-models.sh).</summary>
public static class ModelLocation
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("IDREISSUE_MODELS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".models");
            if (File.Exists(Path.Combine(candidate, "face_detection_front_128x128_barracuda.onnx")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Face models not found: run scripts/fetch-models.sh, or set IDREISSUE_MODELS.");
    }

    public static string SpecificationDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "specs");
}
