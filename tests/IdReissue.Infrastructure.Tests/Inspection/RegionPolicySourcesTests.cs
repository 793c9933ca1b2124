using System.Security.Cryptography;
using System.Text;
using IdReissue.Infrastructure.Regions;

namespace IdReissue.Infrastructure.Tests.Inspection;

/// <summary>Each region's policy is shown with the file it came from and the SHA-256 of the very bytes loaded.</summary>
public sealed class RegionPolicySourcesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("idreissue-regions-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Each_policy_names_its_file_and_the_sha256_of_the_bytes_read_a_byte_order_mark_included()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "Data", "regions", "hunan.json");
        var bytes = Encoding.UTF8.GetPreamble().Concat(File.ReadAllBytes(shipped)).ToArray();
        var copy = Path.Combine(_directory.FullName, "hunan.json");
        File.WriteAllBytes(copy, bytes);

        var source = Assert.Single(RegionCatalog.LoadDirectory(_directory.FullName).Sources);
        Assert.Equal("hunan", source.Policy.Id);
        Assert.Equal(Path.GetFullPath(copy), source.File);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.Sha256);
        Assert.Equal(bytes.LongLength, source.Bytes);
    }

    [Fact]
    public void A_catalogue_not_loaded_from_files_says_so()
    {
        var shipped = RegionCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "Data", "regions"));
        var built = new RegionCatalog(shipped.All);
        Assert.All(built.Sources, s => Assert.True(s.File is null && s.Sha256 is null));
        Assert.Equal(["tianjin", "jilin", "hunan"], shipped.Sources.Select(s => s.Policy.Id));
        Assert.All(shipped.Sources, s => Assert.Matches("^[0-9a-f]{64}$", s.Sha256!));
    }
}
