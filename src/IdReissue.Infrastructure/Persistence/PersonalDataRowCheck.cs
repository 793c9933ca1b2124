using IdReissue.Infrastructure.Security.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdReissue.Infrastructure.Persistence;

/// <summary>
/// Once an entity is built from a row, holds each of its personal values against the row it was sealed
/// for: a ciphertext copied from another row opens (it names the row it was sealed for, and that is
/// authenticated), but it names the wrong row, so the entity is refused. Converters see single values,
/// never the row, so this check lives here.
/// </summary>
public sealed class PersonalDataRowCheck(PersonalDataProtector protector) : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var type = materializationData.EntityType;
        string? row = null;
        foreach (var property in type.GetProperties())
        {
            if (property.FindAnnotation(PersonalDataColumns.EncryptedAnnotation)?.Value is not string column
                || property.GetGetter().GetClrValue(entity) is not { } value
                || protector.RowOpenedFor(value) is not { } sealedFor)
            {
                continue;
            }

            row ??= PersonalDataColumns.RowKey(PersonalDataColumns.RowKeyProperties(type).Select(p => materializationData.GetPropertyValue(p)));
            if (sealedFor != row)
            {
                throw new UnsealedPersonalDataException(column, sealedFor, row);
            }
        }

        return entity;
    }
}
