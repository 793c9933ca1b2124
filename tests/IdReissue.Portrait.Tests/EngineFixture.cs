using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait.Tests;

/// <summary>One engine for all tests: the models load once, as in the service.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Engine = new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory));
    }

    public PortraitEngine Engine { get; }

    public static string DevSet
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IdReissue.slnx")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.Parent?.FullName ?? "/", "shared", "portrait-dev-set");
        }
    }

    public static byte[] DevSetFile(string name) => File.ReadAllBytes(Path.Combine(DevSet, name));

    /// <summary>../shared/portrait-calibration-set: nine compliant photos of five people and their defects.</summary>
    public static string CalibrationSet => Path.Combine(Path.GetDirectoryName(DevSet)!, "portrait-calibration-set");

    public static byte[] CalibrationSetFile(string name) => File.ReadAllBytes(Path.Combine(CalibrationSet, name));

    /// <summary>A file of another folder of ../shared (face-pairs: ordinary photos of the same people).</summary>
    public static byte[] SharedFile(string folder, string name) => File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(DevSet)!, folder, name));

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedEngine : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
