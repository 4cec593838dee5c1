using System.CommandLine;
using SerKit.Corpus;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit folds</c>: speaker-independent folds of a manifest, written as manifests plus folds.json.</summary>
public static class FoldsCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest", "-m") { Description = "The manifest to split; every utterance needs a speaker.", Required = true, HelpName = "MANIFEST" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for fold{k}/train|valid|test manifests and folds.json.", Required = true, HelpName = "DIR" };
        var folds = new Option<int>("--folds", "-k") { Description = "Number of folds.", DefaultValueFactory = _ => 5 };
        var train = new Option<int?>("--train") { Description = "Training speakers per fold (default: the rest, or 63/91 of the speakers when no size is given).", HelpName = "N" };
        var valid = new Option<int?>("--valid") { Description = "Validation speakers per fold (default 14/91 of the speakers: 14 for CREMA-D).", HelpName = "N" };
        var test = new Option<int?>("--test") { Description = "Test speakers per fold (default 14/91 of the speakers: 14 for CREMA-D).", HelpName = "N" };
        var seed = new Option<long>("--seed") { Description = "Seed of the speaker shuffle (SplitMix64); the same seed gives the same files.", DefaultValueFactory = _ => 0 };
        var root = new Option<string?>("--root") { Description = "The folder the manifest's paths are relative to (default: the manifest's folder).", HelpName = "DIR" };
        var inputFormat = new Option<string>("--input-format") { Description = "Input format: " + ManifestFormatNames.Help + ".", DefaultValueFactory = _ => "auto" };
        inputFormat.AcceptOnlyFromAmong(ManifestFormatNames.All);
        var format = new Option<string>("--format") { Description = "Format of the fold manifests: serkit-csv (default), emobox-jsonl, speechbrain-csv or speechbrain-json.", DefaultValueFactory = _ => "serkit-csv" };
        format.AcceptOnlyFromAmong(ManifestFormatNames.All);

        var command = new Command("folds",
            "Split a manifest into speaker-independent folds: each fold's train, validation and test speakers are disjoint, "
            + "test sets of different folds are disjoint when folds × test ≤ speakers. Give none, two or all three of "
            + "--train/--valid/--test; none means 63:14:14 proportions (exactly 63/14/14 for CREMA-D's 91 actors). See docs/corpora.md.");
        foreach (var o in new Option[] { manifest, output, folds, train, valid, test, seed, root, inputFormat, format })
            command.Options.Add(o);
        command.SetAction(parse => CommandErrors.Run(parse, "folds", o =>
        {
            var m = Manifest.Load(parse.GetRequiredValue(manifest), ManifestFormatNames.Parse(parse.GetValue(inputFormat)), parse.GetValue(root));
            var speakers = m.Items.Any(u => u.Speaker is null) ? 0 : m.Speakers.Count;
            var sizes = speakers == 0 ? null : FoldSizes.Resolve(speakers, parse.GetValue(train), parse.GetValue(valid), parse.GetValue(test));
            var split = SpeakerFolds.Create(m, parse.GetValue(folds), sizes, parse.GetValue(seed));
            var dir = parse.GetRequiredValue(output);
            var outFormat = ManifestFormatNames.Parse(parse.GetValue(format));
            split.Write(m, dir, outFormat);
            o.WriteLine($"{m.Items.Count} utterances, {split.Speakers.Count} speakers, {split.Folds.Count} folds of {split.Sizes.Train}/{split.Sizes.Valid}/{split.Sizes.Test} speakers (seed {split.Seed})");
            o.WriteLine("fold  speakers train/valid/test  utterances train/valid/test");
            foreach (var f in split.Folds)
            {
                var n = Enum.GetValues<FoldSplit>().Select(s => split.Select(m, f.Number, s).Items.Count).ToArray();
                o.WriteLine($"{f.Number,4}  {$"{f.Train.Count}/{f.Valid.Count}/{f.Test.Count}",25}  {$"{n[0]}/{n[1]}/{n[2]}",27}");
            }
            o.WriteLine($"wrote {Path.Combine(dir, SpeakerFolds.FileName)} and fold1..fold{split.Folds.Count}");
            return 0;
        }));
        return command;
    }
}
