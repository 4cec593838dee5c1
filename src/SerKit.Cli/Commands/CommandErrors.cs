using System.CommandLine;
using SerKit.IO;

namespace SerKit.Cli.Commands;

/// <summary>Runs a command body and turns bad input into a one-line message and exit code 1.</summary>
internal static class CommandErrors
{
    internal static int Run(ParseResult parse, string command, Func<TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        try
        {
            return body(output);
        }
        catch (Exception e) when (e is InputFileException or InvalidDataException or IOException or UnauthorizedAccessException
                                       or ArgumentException or FormatException or KeyNotFoundException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"serkit {command}: {e.Message}");
            return 1;
        }
    }
}
