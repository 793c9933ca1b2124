using IdReissue.Application.Ports;
using IdReissue.Portrait;

namespace IdReissue.Infrastructure.Photos;

/// <summary>The portrait engine's face detector on a household register page: the page has no photo, so a portrait's face means the wrong image.</summary>
public sealed class EngineHouseholdPageCheck(PortraitEngine engine) : IHouseholdPageCheck
{
    /// <summary>An unreadable image is not a portrait here: the file store refuses it with its own problem.</summary>
    public bool ShowsAPortrait(byte[] image) => engine.ShowsAPortrait(image) == true;
}
