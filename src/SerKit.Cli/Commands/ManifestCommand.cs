using System.CommandLine;
using SerKit.Corpus;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit manifest</c>: writes a manifest from CREMA-D, a media folder, or another manifest.</summary>
public static class ManifestCommand
{
    public static Command Create()
    {
        var cremaD = new Option<string?>("--crema-d") { Description = "Read the CREMA-D corpus under this folder (AudioWAV/, VideoFlash/, processedResults/tabulatedVotes.csv).", HelpName = "ROOT" };
        var folder = new Option<string?>("--folder") { Description = "Scan this folder recursively for media files (wav, flac, mp3, ogg, m4a, mp4, flv, webm, …).", HelpName = "DIR" };
        var convert = new Option<string?>("--convert") { Description = "Read this manifest and write it in another format.", HelpName = "MANIFEST" };
        var output = new Option<string>("--output", "-o") { Description = "The manifest to write (.csv, .jsonl or .json; see --format).", Required = true, HelpName = "OUT" };
        var format = new Option<string>("--format") { Description = "Output format: auto (from the extension: .csv serkit-csv, .jsonl emobox-jsonl, .json speechbrain-json), serkit-csv, emobox-jsonl, speechbrain-csv or speechbrain-json.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong(ManifestFormatNames.All);
        var labels = new Option<string?>("--labels")
        {
            Description = "CREMA-D: majority (default; strictly more than half of the votes), plurality (most votes, ties unlabelled), "
                + "distribution (vote shares as share_XXX columns) or intended (emotion in the file name). "
                + "Folder: a CSV path_or_id,label[,speaker] (header optional).",
            HelpName = "RULE|CSV",
        };
        var ratings = new Option<string>("--ratings") { Description = "CREMA-D rating session the votes come from: voice (default), face or audiovisual.", DefaultValueFactory = _ => "voice" };
        ratings.AcceptOnlyFromAmong("voice", "face", "audiovisual");
        var keep = new Option<bool>("--keep-unlabelled") { Description = "CREMA-D: keep utterances without a label under the rule (label left empty) instead of leaving them out." };
        var speakerFromFolder = new Option<bool>("--speaker-from-folder") { Description = "Folder: the first folder of each file's relative path is its speaker (when the label CSV gives none); without it such a file is its own speaker (speaker = id)." };
        var noDurations = new Option<bool>("--no-durations") { Description = "Do not read WAV headers for durations." };
        var root = new Option<string?>("--root") { Description = "Convert: the folder the input manifest's paths are relative to (default: the manifest's folder).", HelpName = "DIR" };
        var inputFormat = new Option<string>("--input-format") { Description = "Convert: input format, " + ManifestFormatNames.Help + ".", DefaultValueFactory = _ => "auto" };
        inputFormat.AcceptOnlyFromAmong(ManifestFormatNames.All);

        var command = new Command("manifest",
            "Write a manifest (id, path, speaker, label, …) from the CREMA-D folder, a folder of media files, or another manifest. "
            + "Paths in the output are relative to the corpus root; a path that leaves the root is refused. See docs/corpora.md.");
        foreach (var o in new Option[] { cremaD, folder, convert, output, format, labels, ratings, keep, speakerFromFolder, noDurations, root, inputFormat })
            command.Options.Add(o);
        command.Validators.Add(r =>
        {
            int sources = new[] { r.GetValue(cremaD), r.GetValue(folder), r.GetValue(convert) }.Count(s => s is not null);
            if (sources != 1) r.AddError("give exactly one of --crema-d ROOT, --folder DIR or --convert MANIFEST");
            if (r.GetValue(convert) is not null && r.GetValue(labels) is not null) r.AddError("--labels does not apply to --convert");
            if (r.GetValue(cremaD) is not null && r.GetValue(labels) is { } l && !new[] { "majority", "plurality", "distribution", "intended" }.Contains(l))
                r.AddError($"--labels for CREMA-D is majority, plurality, distribution or intended, not '{l}'");
        });
        command.SetAction(parse => CommandErrors.Run(parse, "manifest", o =>
        {
            var outPath = parse.GetRequiredValue(output);
            var outFormat = ManifestFormatNames.Parse(parse.GetValue(format));
            if (outFormat == ManifestFormat.Auto)
                outFormat = Manifest.FormatFromExtension(outPath) ?? throw new ArgumentException($"cannot tell the format of {outPath} from its extension; give --format");
            Manifest manifest;
            if (parse.GetValue(cremaD) is { } crema)
            {
                var rule = Enum.Parse<CremaDLabelRule>(parse.GetValue(labels) ?? "majority", ignoreCase: true);
                var session = parse.GetValue(ratings) switch { "face" => CremaDRatings.Face, "audiovisual" => CremaDRatings.AudioVisual, _ => CremaDRatings.Voice };
                var corpus = CremaD.Read(crema, rule, new CremaDOptions
                {
                    Ratings = session,
                    KeepUnlabelled = parse.GetValue(keep),
                    ReadDurations = !parse.GetValue(noDurations),
                });
                manifest = corpus.Manifest;
                o.WriteLine($"CREMA-D: audio files {corpus.AudioFiles}, actors {manifest.Speakers.Count}, with VideoFlash video {corpus.WithVideo}");
                o.WriteLine(rule == CremaDLabelRule.Intended
                    ? "labels: intended emotion from the file names"
                    : $"labels: {rule.ToString().ToLowerInvariant()} of the {session.ToString().ToLowerInvariant()} ratings (files without votes: {corpus.WithoutVotes})");
                o.WriteLine("  " + string.Join(", ", corpus.LabelCounts.Select(kv => $"{kv.Key} {kv.Value}")));
                if (corpus.Unlabelled > 0)
                    o.WriteLine($"unlabelled under this rule: {corpus.Unlabelled} ({(corpus.KeptUnlabelled ? "kept with an empty label" : "left out; --keep-unlabelled keeps them")})");
            }
            else if (parse.GetValue(folder) is { } dir)
            {
                manifest = FolderCorpus.Scan(dir, parse.GetValue(labels), new FolderCorpusOptions
                {
                    SpeakerFromFolder = parse.GetValue(speakerFromFolder),
                    ReadDurations = !parse.GetValue(noDurations),
                });
                int labelled = manifest.Items.Count(u => u.Label is not null);
                o.WriteLine($"folder: media files {manifest.Items.Count}, labelled {labelled}, speakers {manifest.Speakers.Count}");
            }
            else
            {
                var input = parse.GetValue(convert)!;
                manifest = Manifest.Load(input, ManifestFormatNames.Parse(parse.GetValue(inputFormat)), parse.GetValue(root));
                o.WriteLine($"read {manifest.Items.Count} utterances from {input}");
            }
            manifest.Save(outPath, outFormat);
            o.WriteLine($"wrote {outPath} ({outFormat}, {manifest.Items.Count} utterances)");
            var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!string.Equals(Path.TrimEndingDirectorySeparator(outFolder), manifest.Root, StringComparison.Ordinal))
                o.WriteLine($"paths are relative to {manifest.Root}: load it with --root {manifest.Root}");
            return 0;
        }));
        return command;
    }
}
