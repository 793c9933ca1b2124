using IdReissue.Application.Inspection;

namespace IdReissue.Infrastructure.Tests.Inspection;

/// <summary>What inspection sees of the audit log's free text: personal data masked, numbers that are not personal data kept.</summary>
public class AuditTextMaskTests
{
    [Theory]
    [InlineData("证号11010519491231002X", "证号110105********002X")]
    [InlineData("id 11010519491231002x.", "id 110105********002x.")]
    [InlineData("旧证 110105491231002 作废", "旧证 110105*****1002 作废")]
    [InlineData("手机13812345678，", "手机138****5678，")]
    [InlineData("tel +86 13812345678", "tel +86 138****5678")]
    [InlineData("姓名：张三丰", "姓名：张**")]
    [InlineData("收件人 欧阳娜娜；", "收件人 欧***；")]
    [InlineData("displayName=李四 → 王小五", "displayName=李* → 王**")]
    public void Personal_data_in_free_text_is_masked(string text, string masked) => Assert.Equal(masked, AuditTextMask.Mask(text));

    [Theory]
    // An ID-shaped run whose check character is wrong, an application number, an EMS waybill, counts and amounts.
    [InlineData("110105194912310021")]
    [InlineData("BH43202612041234567812")]
    [InlineData("EMS 1234567890123")]
    [InlineData("BH4320261204123456 WeChatPay 4000 fen")]
    [InlineData("申请人本人来电")]
    [InlineData("officer=hunan-review; page 2; 13 found")]
    public void Text_without_personal_data_is_left_as_it_is(string text) => Assert.Equal(text, AuditTextMask.Mask(text));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Csv_cells_are_quoted_and_never_run_as_formulas(string value, string cell) => Assert.Equal(cell, ExportAuditLogHandler.Cell(value));
}
