using System.Diagnostics;

namespace SerKit.Tests.Fixtures;

/// <summary>Runs the real <c>serkit</c> CLI (SerKit.Cli.dll next to the tests) as a child process.</summary>
public static class CliRunner
{
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "SerKit.Cli.dll");

    /// <summary>Starts the CLI with output redirected (so progress comes as plain lines).</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
    }

    /// <summary>Runs the CLI in this process with its standard output and error captured.</summary>
    public static (int Code, string Output, string Error) InProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SerKit.Cli.CliApp.Run(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the CLI to the end; returns exit code, standard output and standard error.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("serkit " + string.Join(' ', args) + " did not finish in 5 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
