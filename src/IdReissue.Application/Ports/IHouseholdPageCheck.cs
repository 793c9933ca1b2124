namespace IdReissue.Application.Ports;

/// <summary>What can be told of an upload offered as the household register page (户口页) before an officer sees it.</summary>
public interface IHouseholdPageCheck
{
    /// <summary>The image is a portrait (a face filling the frame): a photo of a person, not a page of the household register.</summary>
    bool ShowsAPortrait(byte[] image);
}
