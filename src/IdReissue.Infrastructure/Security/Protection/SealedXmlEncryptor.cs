using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// ASP.NET Core's own data-protection keys (they sign antiforgery tokens) are sealed with the same
/// envelope as personal data before they are stored in the database.
/// </summary>
public sealed class SealedXmlEncryptor(PersonalDataProtector protector) : IXmlEncryptor
{
    internal const string Column = "DataProtectionKeys.Xml";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sealedKey", new XElement("value", protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Column))),
            typeof(SealedXmlDecryptor));
}

/// <summary>Created by data protection through its activator, hence the service-provider constructor.</summary>
public sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<PersonalDataProtector>().Unprotect((string)encryptedElement.Element("value")!, SealedXmlEncryptor.Column));
}
