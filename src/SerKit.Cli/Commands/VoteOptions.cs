using System.CommandLine;
using SerKit.Corpus;

namespace SerKit.Cli.Commands;

/// <summary>The options that name a file of individual votes: the file, its format and (for CREMA-D) the rating session.</summary>
internal sealed class VoteOptions
{
    public static readonly string[] RatingNames = ["voice", "face", "audio_visual", "audiovisual"];

    public VoteOptions(Option<string?>? file)
    {
        File = file;
        Format.AcceptOnlyFromAmong("auto", "table", "crema-d");
        Ratings.AcceptOnlyFromAmong(RatingNames);
    }

    public Option<string?>? File { get; }

    public Option<string> Format { get; } = new("--votes-format")
    {
        Description = "Votes file layout: auto (from the header), table (CSV id,rater,label; several labels separated by ';') or crema-d (finishedResponses.csv).",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> Ratings { get; } = new("--ratings")
    {
        Description = "CREMA-D rating session the votes come from: voice (default), face or audio_visual.",
        DefaultValueFactory = _ => "voice",
    };

    public void AddTo(Command command)
    {
        if (File != null) command.Options.Add(File);
        command.Options.Add(Format);
        command.Options.Add(Ratings);
    }

    public VoteTableFormat ParseFormat(ParseResult p) => p.GetValue(Format) switch
    {
        "table" => VoteTableFormat.Table,
        "crema-d" => VoteTableFormat.CremaD,
        _ => VoteTableFormat.Auto,
    };

    public CremaDRatings ParseRatings(ParseResult p) => p.GetValue(Ratings) switch
    {
        "face" => CremaDRatings.Face,
        "audio_visual" or "audiovisual" => CremaDRatings.AudioVisual,
        _ => CremaDRatings.Voice,
    };

    /// <summary>The votes named by <see cref="File"/>, or null when it was not given.</summary>
    public VoteTable? Read(ParseResult p) =>
        File != null && p.GetValue(File) is { } path ? VoteTableFile.Read(path, ParseFormat(p), ParseRatings(p)) : null;
}
