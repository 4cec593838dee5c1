using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using SerKit.IO;

namespace SerKit.Experiments;

/// <summary>
/// Reads and writes <see cref="Recipe"/> files: YAML or JSON with snake_case keys; unknown keys are refused
/// naming the key path; overrides <c>key.path=value</c> (as on the command line, <c>--set fine_tuning.epochs=5</c>)
/// are applied before validation; the resolved recipe is written as YAML next to the results.
/// Relative paths in a file are relative to the file's folder; relative paths in an override to the current folder.
/// A recipe without <c>name</c> is named after its file.
/// </summary>
public static class RecipeFile
{
    /// <summary>Name of the resolved recipe in an experiment folder.</summary>
    public const string ResolvedFileName = "recipe.yaml";

    /// <summary>Keys whose values are file or folder paths (<c>*</c> = every list item).</summary>
    private static readonly string[][] PathKeys =
    [
        ["labelled", "root"], ["labelled", "manifest"],
        ["pretraining_data", "corpora", "*", "root"], ["pretraining_data", "corpora", "*", "manifest"], ["pretraining_data", "corpora", "*", "faces"],
        ["faces", "model"], ["faces", "cascade"], ["pretext", "rules"], ["labels", "votes"],
    ];

    /// <summary>
    /// Reads <paramref name="path"/>, applies <paramref name="overrides"/> (<c>key.path=value</c>, a list item by its
    /// number: <c>pretraining_data.corpora.0.root=/data/vox</c>; values are YAML: <c>seeds=[0, 1]</c>), resolves
    /// relative paths and validates. Throws <see cref="RecipeException"/> naming the file and the key.
    /// </summary>
    public static Recipe Load(string path, IReadOnlyList<string>? overrides = null)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path)) throw new RecipeException(path, null, "recipe file not found");
        JsonNode? tree;
        try
        {
            var text = File.ReadAllText(path);
            tree = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                : YamlTree.Parse(text);
        }
        catch (JsonException e) { throw new RecipeException(path, e.LineNumber is { } l ? $"line {l + 1}" : null, "malformed JSON: " + e.Message, e); }
        catch (FormatException e) { throw new RecipeException(path, null, "malformed YAML: " + e.Message, e); }
        if (tree is not JsonObject root) throw new RecipeException(path, null, "a recipe is a mapping of keys (name, labelled, pretraining_data, …)");
        if (!root.ContainsKey("name")) root["name"] = Path.GetFileNameWithoutExtension(path);
        ResolvePaths(root, Path.GetDirectoryName(path)!);
        foreach (var o in overrides ?? [])
        {
            try { Apply(root, o); }
            catch (RecipeKeyException e) { throw new RecipeException(path, $"--set {o}", $"{e.Key}: {e.Problem}", e); }
        }
        return FromTree(root, path);
    }

    /// <summary>Reads a recipe from a JSON tree (keys as in the file, paths already absolute); <paramref name="source"/> names it in errors.</summary>
    public static Recipe FromTree(JsonObject root, string source)
    {
        try { RecipeSchema.Check(root, typeof(Recipe), ""); }
        catch (RecipeKeyException e) { throw new RecipeException(source, e.Key, e.Problem, e); }
        Recipe recipe;
        try { recipe = root.Deserialize<Recipe>(RecipeSchema.Options) ?? throw new RecipeException(source, null, "empty recipe"); }
        catch (JsonException e)
        {
            var key = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            throw new RecipeException(source, key.Length == 0 ? null : key, Explain(e, key, root), e);
        }
        try { recipe.Validate(); }
        catch (ArgumentException e) { throw new RecipeException(source, null, e.Message, e); }
        return recipe;
    }

    /// <summary>The recipe as a JSON tree with every key, defaults included.</summary>
    public static JsonObject ToTree(Recipe recipe) => JsonSerializer.SerializeToNode(recipe, RecipeSchema.Options)!.AsObject();

    /// <summary>The recipe as YAML text (every key, defaults included); <see cref="Load"/> reads it back to an equal recipe.</summary>
    public static string ToYaml(Recipe recipe)
    {
        var version = typeof(RecipeFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        return $"# Resolved recipe (every setting, defaults included), written by SerKit {version}.\n" +
               "# Run it again with: serkit experiment recipe.yaml\n" + YamlTree.Write(ToTree(recipe));
    }

    /// <summary>Writes <see cref="ToYaml"/> atomically.</summary>
    public static void Save(Recipe recipe, string path) => AtomicFile.WriteAllText(path, ToYaml(recipe));

    /// <summary>The keys whose values differ between two recipes (e.g. <c>fine_tuning.epochs</c>), in key order.</summary>
    public static IReadOnlyList<string> Differences(Recipe a, Recipe b)
    {
        var diffs = new List<string>();
        Compare(ToTree(a), ToTree(b), "", diffs);
        return diffs;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> diffs)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                Compare(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", diffs);
        }
        else if (!JsonNode.DeepEquals(a, b)) diffs.Add(path);
    }

    private static void Apply(JsonObject root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new RecipeKeyException(assignment, "expected key.path=value, e.g. fine_tuning.epochs=5");
        var segments = assignment[..eq].Trim().Split('.');
        if (segments.Any(s => s.Length == 0)) throw new RecipeKeyException(assignment[..eq], "empty key segment");
        RecipeSchema.TypeAt(typeof(Recipe), segments);
        JsonNode? value;
        try { value = YamlTree.ParseValue(assignment[(eq + 1)..]); }
        catch (FormatException e) { throw new RecipeKeyException(assignment[..eq], "value is not valid YAML: " + e.Message); }
        if (IsPathKey(segments) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String) value = Path.GetFullPath(v.GetValue<string>());

        JsonNode parent = root;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            var s = segments[i];
            JsonNode? next;
            if (parent is JsonArray arr)
            {
                int index = int.Parse(s);
                if (index >= arr.Count) throw new RecipeKeyException(string.Join('.', segments[..(i + 1)]), $"the list has {arr.Count} item(s)");
                next = arr[index];
            }
            else
            {
                var o = parent.AsObject();
                next = o[s];
                if (next is null)
                {
                    bool list = int.TryParse(segments[i + 1], out _);
                    if (list) throw new RecipeKeyException(string.Join('.', segments[..(i + 1)]), "the list is empty; set the whole list instead");
                    next = new JsonObject();
                    o[s] = next;
                }
            }
            parent = next ?? throw new RecipeKeyException(string.Join('.', segments[..(i + 1)]), "is empty");
        }
        var last = segments[^1];
        if (parent is JsonArray list2)
        {
            int index = int.Parse(last);
            if (index >= list2.Count) throw new RecipeKeyException(string.Join('.', segments), $"the list has {list2.Count} item(s)");
            list2[index] = value;
        }
        else parent.AsObject()[last] = value;
    }

    private static bool IsPathKey(IReadOnlyList<string> segments) =>
        PathKeys.Any(k => k.Length == segments.Count && k.Zip(segments).All(p => p.First == "*" ? int.TryParse(p.Second, out _) : p.First == p.Second));

    private static void ResolvePaths(JsonObject root, string folder)
    {
        foreach (var key in PathKeys) Resolve(root, key, 0, folder);
    }

    private static void Resolve(JsonNode? node, string[] key, int at, string folder)
    {
        if (node is null) return;
        if (key[at] == "*")
        {
            if (node is JsonArray a) foreach (var item in a) Resolve(item, key, at + 1, folder);
            return;
        }
        if (node is not JsonObject o || !o.TryGetPropertyValue(key[at], out var child)) return;
        if (at == key.Length - 1)
        {
            if (child is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } p)
                o[key[at]] = Path.GetFullPath(Path.Combine(folder, ExpandHome(p)));
            return;
        }
        Resolve(child, key, at + 1, folder);
    }

    private static string ExpandHome(string p) =>
        p == "~" || p.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), p.TrimStart('~').TrimStart('/')) : p;

    private static string Explain(JsonException e, string key, JsonObject root)
    {
        // System.Text.Json says "could not be converted to System.Int32 … Path: $.x"; say what is expected instead.
        var segments = key.Replace("[", ".").Replace("]", "").Split('.', StringSplitOptions.RemoveEmptyEntries);
        Type? target = null;
        JsonNode? value = root;
        try
        {
            target = RecipeSchema.TypeAt(typeof(Recipe), segments);
            foreach (var s in segments) value = value is JsonArray a ? a[int.Parse(s)] : value?[s];
        }
        catch (Exception x) when (x is RecipeKeyException or FormatException or ArgumentOutOfRangeException or InvalidOperationException) { }
        if (target is null)
        {
            int cut = e.Message.IndexOf(" Path: ", StringComparison.Ordinal);
            return cut > 0 ? e.Message[..cut] : e.Message;
        }
        var t = Nullable.GetUnderlyingType(target) ?? target;
        string expected = t == typeof(int) || t == typeof(long) ? "a whole number"
            : t == typeof(double) || t == typeof(float) ? "a number"
            : t == typeof(bool) ? "true or false"
            : t == typeof(string) ? "text"
            : t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t).Select(n => JsonSerializer.Serialize(Enum.Parse(t, n), RecipeSchema.Options).Trim('"')))
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? "a list"
            : "a section of keys";
        return $"{(value is null ? "null" : value.ToJsonString())} is not valid here: expected {expected}";
    }
}
