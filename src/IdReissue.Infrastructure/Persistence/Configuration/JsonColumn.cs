using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdReissue.Infrastructure.Persistence.Configuration;

/// <summary>A value kept as JSON in one column (a short list that is read and written whole).</summary>
internal sealed class JsonValueConverter<T>() : ValueConverter<T, string>(
    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
    s => JsonSerializer.Deserialize<T>(s, JsonSerializerOptions.Default)!);

/// <summary>Compares such values by their JSON, so a change inside the list is seen.</summary>
internal sealed class JsonValueComparer<T>() : ValueComparer<T>(
    (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!);
