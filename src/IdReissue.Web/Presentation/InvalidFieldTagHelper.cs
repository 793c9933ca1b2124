using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IdReissue.Web.Presentation;

/// <summary>
/// Marks a field whose value was refused with aria-invalid="true", so a screen reader says so when the
/// field gets focus (the message itself is linked by the field's aria-describedby). Works for fields bound
/// with asp-for and for plain ones (the file inputs) whose name is the model key without "Input.".
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    // After the framework's own helpers, which write the name attribute this one reads.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For?.Name ?? output.Attributes["name"]?.Value?.ToString();
        if (string.IsNullOrEmpty(name) || output.Attributes.ContainsName("aria-invalid"))
        {
            return;
        }

        var state = ViewContext.ViewData.ModelState;
        // Model state keys ignore case, so "capture" finds "Input.Capture".
        if (HasErrors(state, name) || (!name.Contains('.', StringComparison.Ordinal) && HasErrors(state, "Input." + name)))
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
    }

    private static bool HasErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
