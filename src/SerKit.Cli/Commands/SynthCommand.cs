using SerKit.Runtime;
using System.CommandLine;
using System.Diagnostics;
using SerKit.Cli.Progress;
using SerKit.Synthetic;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit synth</c>: generates the audiovisual demo corpus (speech WAVs, OpenFace-schema face tracks, manifests).</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var defaults = new DemoCorpusOptions();
        var output = new Option<string>("--output", "-o") { Description = "Folder for wav/, faces/, labelled.csv, unlabelled.csv and corpus.json (new, empty, or a previous demo corpus).", Required = true, HelpName = "DIR" };
        var speakers = new Option<int>("--speakers") { Description = "Speakers of the labelled part.", DefaultValueFactory = _ => defaults.Speakers };
        var utterances = new Option<int>("--utterances") { Description = "Labelled utterances per speaker and emotion (six emotions).", DefaultValueFactory = _ => defaults.UtterancesPerEmotion };
        var unlabelledSpeakers = new Option<int>("--unlabelled-speakers") { Description = "Speakers of the unlabelled part (disjoint from the labelled ones).", DefaultValueFactory = _ => defaults.UnlabelledSpeakers };
        var unlabelledUtterances = new Option<int>("--unlabelled-utterances") { Description = "Unlabelled utterances per unlabelled speaker.", DefaultValueFactory = _ => defaults.UnlabelledUtterances };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed and sizes give the same bytes.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Utterances rendered in parallel (default: all cores); does not change the output.", HelpName = "N" };
        var command = new Command("synth",
            "Generate SerKit's audiovisual demo corpus: speech from a parametric voice whose prosody follows the emotion and the speaker, "
            + "and a 30 fps face track per utterance in the OpenFace 2.x CSV schema whose AUs follow the emotion and whose mouth follows the speech. "
            + "See docs/demo-corpus.md.");
        foreach (var o in new Option[] { output, speakers, utterances, unlabelledSpeakers, unlabelledUtterances, seed, threads })
            command.Options.Add(o);
        command.SetAction(parse => CommandErrors.Run(parse, "synth", o =>
        {
            var options = new DemoCorpusOptions
            {
                Speakers = parse.GetValue(speakers),
                UtterancesPerEmotion = parse.GetValue(utterances),
                UnlabelledSpeakers = parse.GetValue(unlabelledSpeakers),
                UnlabelledUtterances = parse.GetValue(unlabelledUtterances),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
            };
            options.Validate();
            var dir = Path.GetFullPath(parse.GetRequiredValue(output));
            var clock = Stopwatch.StartNew();
            var result = ConsoleProgress.Run("synth", progress =>
            {
                int step = 0;
                return DemoCorpus.Write(dir, options, new SynchronousProgress<DemoCorpusProgress>(p =>
                {
                    int bucket = p.Done * 50 / p.Total;
                    if (bucket <= step && p.Done != p.Total) return;
                    step = bucket;
                    progress.Report(new ProgressLine((double)p.Done / p.Total, $"{p.Done}/{p.Total} utterances, {p.AudioSeconds:0} s of audio"));
                }));
            });
            o.WriteLine($"{result.Labelled.Items.Count} labelled utterances ({result.Labelled.Speakers.Count} speakers), "
                + $"{result.Unlabelled.Items.Count} unlabelled ({result.Unlabelled.Speakers.Count} speakers), {result.AudioSeconds / 60:0.0} min of audio, "
                + $"{result.FaceFrames} face frames ({result.FailedFaceFrames} failed) in {clock.Elapsed.TotalSeconds:0.0} s");
            o.WriteLine($"wrote {Path.Combine(dir, "labelled.csv")}, {Path.Combine(dir, "unlabelled.csv")}, {Path.Combine(dir, "corpus.json")}, wav/ and faces/");
            return 0;
        }));
        return command;
    }
}
