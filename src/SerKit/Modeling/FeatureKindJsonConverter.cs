using System.Text.Json;
using System.Text.Json.Serialization;
using SerKit.Audio;

namespace SerKit.Modeling;

/// <summary>Writes a <see cref="FeatureKind"/> as the name <c>serkit extract</c> uses for its folders (<c>logmel</c>, <c>mfcc</c>, <c>energy</c>, <c>f0</c>).</summary>
public sealed class FeatureKindJsonConverter : JsonConverter<FeatureKind>
{
    /// <inheritdoc />
    public override FeatureKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? "";
        return Enum.TryParse<FeatureKind>(text.Replace("_", "").Replace("-", ""), ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new JsonException($"unknown feature kind '{text}' (logmel, mfcc, energy, f0)");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FeatureKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString().ToLowerInvariant());
}
