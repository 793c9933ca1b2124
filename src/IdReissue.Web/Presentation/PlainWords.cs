namespace IdReissue.Web.Presentation;

/// <summary>
/// Care mode's plainer wording: for each portal page (by its title) one short sentence in everyday words
/// that says what to do here, shown instead of the page's own introduction. Kept in one place so pages stay
/// as they are; a warning the introduction carries (挂失后原证作废) is said here too.
/// </summary>
public static class PlainWords
{
    private static readonly Dictionary<string, string> ByTitle = new(StringComparer.Ordinal)
    {
        ["首页"] = "在手机上补办或换领身份证，新证用EMS寄到家，不用去窗口排队。",
        ["登录"] = "输入您的手机号，收到短信后，把短信里的6位数字填进来。",
        ["实名认证"] = "填写您的姓名和身份证号码，确认是您本人在办。",
        ["办理"] = "先选户口所在的地方，再选身份证是丢了还是坏了。",
        ["实人认证"] = "打开摄像头，看着屏幕上的大字，一个一个慢慢做动作，比如转头、点头，确认是您本人在办。照片不能代替本人。",
        ["挂失申报"] = "告诉我们大概在哪里、什么时候丢的。挂失以后旧证就不能再用了，找回来也不能用。",
        ["邮寄地址"] = "新证做好后用EMS寄给您。请写清楚寄到哪里、谁来收、收件人的手机号。",
        ["上传户口页"] = "拍一张户口本上您本人那一页的照片，字要看得清楚。",
        ["缴纳工本费"] = "先看须知并勾选同意，再选付款方式付工本费。付款以后不能取消。",
        ["提交照片"] = "上传一张白色背景、正面、不戴帽子的照片，马上告诉您合不合格；也可以请照相馆帮您上传。",
        ["办理进度"] = "这里可以看到您的申请办到哪一步了。",
        ["照相馆上传"] = "输入申请人告诉您的18位相片编号，再上传照片。",
    };

    public static string? For(object? title) => title is string text && ByTitle.TryGetValue(text, out var plain) ? plain : null;
}
