using System.Text.Json;
using System.Text.Json.Serialization;

namespace SerKit.Modeling;

/// <summary>JSON settings of the model files: snake_case keys, indented, enums as strings.</summary>
public static class ModelJson
{
    /// <summary>The serializer options used for <c>config.json</c> and <c>normalization.json</c>.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
