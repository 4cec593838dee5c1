using System.CommandLine;
using System.Globalization;
using SerKit.Corpus;
using SerKit.Labels;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit cooccurrence</c>: counts how often emotions co-occur in raters' votes and writes the penalty matrix (JSON + PNG).</summary>
public static class CooccurrenceCommand
{
    public const string JsonFile = "cooccurrence.json";
    public const string PngFile = "cooccurrence.png";

    public static Command Create()
    {
        var votes = new Argument<string>("VOTES") { Description = "Individual votes: CREMA-D's finishedResponses.csv or a CSV id,rater,label." };
        var output = new Option<string>("--output", "-o") { Description = $"Folder for {JsonFile} and {PngFile}.", Required = true, HelpName = "DIR" };
        var voteOptions = new VoteOptions(null);
        voteOptions.Format.Aliases.Add("--format");
        var classes = new Option<string?>("--classes") { Description = "Classes in matrix order, comma-separated (default: ANG,DIS,FEA,HAP,NEU,SAD for CREMA-D, else every label in the votes, sorted). Votes for other labels are ignored." };
        var counting = new Option<string>("--counting") { Description = "presence: each utterance adds 1 to every pair of classes its raters chose (default); votes: it adds n_i·n_j (vote pairs).", DefaultValueFactory = _ => "presence" };
        counting.AcceptOnlyFromAmong("presence", "votes");
        var normalization = new Option<string>("--normalization") { Description = "conditional: F[i,j] = C[i,j]/N_i, how likely j is chosen given i (default); cosine: C[i,j]/sqrt(N_i N_j); max: C[i,j]/max. Penalty = 1 − F off the diagonal.", DefaultValueFactory = _ => "conditional" };
        normalization.AcceptOnlyFromAmong("conditional", "cosine", "max");
        var distracted = new Option<string?>("--distracted") { Description = "CREMA-D: finishedEmoResponses.csv; drops responses whose first click took over 10 s, as the corpus's own tabulation does.", HelpName = "FILE" };
        var command = new Command("cooccurrence",
            "Count how often emotions co-occur in individual raters' votes for the same utterance and turn the counts into a class-pair "
            + "penalty matrix (rarely co-occurring pairs near 1, diagonal 0) for the penalised fine-tuning losses (serkit finetune --penalty). "
            + "Writes DIR/cooccurrence.json and DIR/cooccurrence.png. See docs/cooccurrence.md.")
        { votes, output, classes, counting, normalization, distracted };
        voteOptions.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, "cooccurrence", o =>
        {
            var path = parse.GetRequiredValue(votes);
            var format = voteOptions.ParseFormat(parse);
            if (format == VoteTableFormat.Auto) format = VoteTableFile.Detect(path);
            if (parse.GetValue(distracted) is not null && format != VoteTableFormat.CremaD) throw new ArgumentException("--distracted applies to CREMA-D's finishedResponses.csv only");
            VoteTable table;
            if (format == VoteTableFormat.CremaD)
            {
                var read = CremaDResponses.Read(path, voteOptions.ParseRatings(parse), parse.GetValue(distracted));
                table = read.Votes;
                o.WriteLine($"CREMA-D {parse.GetValue(voteOptions.Ratings)} ratings: {read.SessionRows} of {read.Rows} responses; kept {read.Kept} "
                    + $"(left out: {read.PracticeRows} practice, {read.Duplicates} repeated, {read.Distracted} distracted)");
            }
            else table = VoteTableFile.ReadTable(path);
            IReadOnlyList<string> classList = parse.GetValue(classes)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? (format == VoteTableFormat.CremaD ? CremaD.EmotionCodes : table.Labels);
            var options = new CooccurrenceOptions
            {
                Counting = parse.GetValue(counting) == "votes" ? CooccurrenceCounting.Votes : CooccurrenceCounting.Presence,
                Normalization = parse.GetValue(normalization) switch { "cosine" => CooccurrenceNormalization.Cosine, "max" => CooccurrenceNormalization.Max, _ => CooccurrenceNormalization.Conditional },
            };
            var matrix = CooccurrenceMatrix.Compute(table, classList, options);
            var dir = parse.GetRequiredValue(output);
            Directory.CreateDirectory(dir);
            matrix.Save(Path.Combine(dir, JsonFile));
            CooccurrencePlots.HeatmapPng(Path.Combine(dir, PngFile), matrix, Path.GetFileName(path));
            o.WriteLine($"{matrix.Utterances} utterances, {matrix.Votes} votes by {table.Raters} raters; penalty ({options.Normalization.ToString().ToLowerInvariant()}, rows = target):");
            o.WriteLine("       " + string.Join(" ", classList.Select(c => c.PadLeft(6))));
            for (int i = 0; i < classList.Count; i++)
                o.WriteLine(classList[i].PadRight(6) + " " + string.Join(" ", matrix.Penalty.Values[i].Select(v => v.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(6))));
            o.WriteLine($"wrote {Path.Combine(dir, JsonFile)} and {PngFile}");
            return 0;
        }));
        return command;
    }
}
