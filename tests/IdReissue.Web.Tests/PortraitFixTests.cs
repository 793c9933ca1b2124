using System.Net;
using System.Text.Json;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Web.Tests;

/// <summary>POST /api/portrait/fixes and `portrait.sh fix` (../shared/specs/photo-fix-contract.md).</summary>
[Collection(SharedService.Name)]
public class PortraitFixTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task An_ordinary_photo_comes_back_as_a_passing_358x441_jpeg_with_its_check_and_what_was_changed()
    {
        var fix = await Api.Expect(await Api.Post("/api/portrait/fixes", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("hv__test4.jpg"), "phone.jpg")), HttpStatusCode.OK);

        Assert.Equal("fixed", fix.GetProperty("verdict").GetString());
        Assert.Equal("phone.jpg", fix.GetProperty("file").GetString());
        Assert.Contains("background_replaced", fix.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var photo = Convert.FromBase64String(fix.GetProperty("photoJpegBase64").GetString()!);
        var decoded = PhotoDecoder.Decode(photo).Photo!;
        Assert.Equal(("jpeg", 358, 441), (decoded.Format, decoded.Width, decoded.Height));
        Assert.Equal("pass", fix.GetProperty("check").GetProperty("verdict").GetString());
        // And the photo passes the public check on its own.
        var check = await Api.Expect(await Api.Post("/api/portrait/checks", null, Api.Upload("photo", photo, "fixed.jpg")), HttpStatusCode.OK);
        Assert.Equal("pass", check.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_smile_with_teeth_is_refused_with_its_reason_and_no_photo_and_an_unknown_spec_is_a_problem()
    {
        var fix = await Api.Expect(await Api.Post("/api/portrait/fixes", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("df__img25.jpg"))), HttpStatusCode.OK);

        Assert.Equal("refused", fix.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, fix.GetProperty("photoJpegBase64").ValueKind);
        Assert.Contains(fix.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "mouth_open");

        var form = Api.Upload("photo", ServiceFixture.DevSetPhoto("hv__test4.jpg"));
        form.Add(new StringContent("passport-xx"), "spec");
        await Api.ExpectProblem(await Api.Post("/api/portrait/fixes", null, form), HttpStatusCode.UnprocessableEntity, "unknown_specification");
    }

    [Fact]
    public async Task The_command_line_writes_the_fixed_photo_and_prints_the_contracts_json_and_writes_nothing_for_a_refusal()
    {
        var output = Path.Combine(Path.GetTempPath(), $"fix-{Guid.NewGuid():N}.jpg");
        var refusedOutput = Path.Combine(Path.GetTempPath(), $"fix-{Guid.NewGuid():N}.jpg");
        try
        {
            var (exit, printed) = await PortraitCommandLineTests.RunAsync(["fix", "--json", "hv__test4.jpg", output]);
            var (refusedExit, refusedPrinted) = await PortraitCommandLineTests.RunAsync(["fix", "--json", "df__couple.jpg", refusedOutput]);
            var (badExit, _) = await PortraitCommandLineTests.RunAsync(["fix", "hv__test4.jpg"]);

            Assert.Equal((0, 0, 2), (exit, refusedExit, badExit));
            var fixedJson = JsonDocument.Parse(printed).RootElement;
            Assert.Equal(("hv__test4.jpg", output, "fixed"), (fixedJson.GetProperty("file").GetString(), fixedJson.GetProperty("output").GetString(), fixedJson.GetProperty("verdict").GetString()));
            Assert.True(fixedJson.GetProperty("elapsedMs").GetDouble() > 0);
            Assert.Equal(0, fixedJson.GetProperty("reasons").GetArrayLength());
            Assert.Equal(output, fixedJson.GetProperty("check").GetProperty("file").GetString());
            Assert.Equal("pass", fixedJson.GetProperty("check").GetProperty("verdict").GetString());
            Assert.Equal(358, PhotoDecoder.Decode(File.ReadAllBytes(output)).Photo!.Width);

            var refused = JsonDocument.Parse(refusedPrinted).RootElement;
            Assert.Equal("refused", refused.GetProperty("verdict").GetString());
            Assert.Equal("multiple_faces", refused.GetProperty("reasons")[0].GetProperty("code").GetString());
            Assert.False(File.Exists(refusedOutput));
        }
        finally
        {
            File.Delete(output);
            File.Delete(refusedOutput);
        }
    }

    [Fact]
    public async Task A_studio_gets_the_print_sheet_as_png_or_pdf_and_only_for_an_id_photo()
    {
        var png = await Api.Post("/api/portrait/sheets", null, Api.Upload("photo", Journey.GoodPhoto, "ok.jpg"));
        var form = Api.Upload("photo", Journey.GoodPhoto, "ok.jpg");
        form.Add(new StringContent("pdf"), "format");
        var pdf = await Api.Post("/api/portrait/sheets", null, form);

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1795, PhotoDecoder.Decode(await png.Content.ReadAsByteArrayAsync()).Photo!.Width);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5), StringComparison.Ordinal);
        await Api.ExpectProblem(await Api.Post("/api/portrait/sheets", null, Api.Upload("photo", ServiceFixture.DevSetPhoto("hv__test4.jpg"))), HttpStatusCode.UnprocessableEntity, "not_an_id_photo");
    }
}
