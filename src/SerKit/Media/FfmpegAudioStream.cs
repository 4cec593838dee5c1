using System.ComponentModel;
using System.Diagnostics;

namespace SerKit.Media;

/// <summary>
/// Decodes any file FFmpeg reads by running <c>ffmpeg</c> as a child process that streams the first
/// audio track to stdout as a 32-bit float WAV (all channels, the track's own rate). The channels are
/// averaged here, so the down-mix is the same mean as for WAV files read in-process.
/// Memory stays flat: the pipe is read in fixed-size chunks and only the last lines of stderr are kept.
/// </summary>
internal sealed class FfmpegAudioStream : IAudioStream
{
    /// <summary>The program run; found on PATH.</summary>
    public const string DefaultProgram = "ffmpeg";

    private const int KeptStderrLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly WavReader _reader;
    private readonly string _fullPath;
    private bool _finished;

    /// <summary>Starts <paramref name="program"/> on <paramref name="path"/> and reads the stream header.</summary>
    /// <param name="path">The media file.</param>
    /// <param name="program">The FFmpeg executable (a name on PATH or a full path).</param>
    public FfmpegAudioStream(string path, string program = DefaultProgram)
    {
        Path = path;
        _fullPath = System.IO.Path.GetFullPath(path);
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-i", "file:" + _fullPath,
                     "-map", "0:a:0", "-vn", "-sn", "-dn", "-c:a", "pcm_f32le" })
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var a in new[] { "-f", "wav", "-" }) psi.ArgumentList.Add(a);

        try
        {
            _process = Process.Start(psi) ?? throw new MediaException(path, $"cannot start {program}");
        }
        catch (Win32Exception e)
        {
            throw new MediaException(path, $"{program} is not installed; apt-get install ffmpeg", e);
        }
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > KeptStderrLines) _stderr.Dequeue();
            }
        };
        _process.BeginErrorReadLine();

        try
        {
            var stdout = _process.StandardOutput.BaseStream;
            WavHeader? header;
            try
            {
                header = WavHeader.Read(stdout, path);
            }
            catch (MediaException e)
            {
                throw Failure() ?? new MediaException(path, $"ffmpeg produced a damaged stream: {e.Problem}", e);
            }
            if (header == null) throw Failure() ?? new MediaException(path, "ffmpeg produced no audio");
            _reader = new WavReader(stdout, path, header, ownsStream: false);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public int SampleRate => _reader.SampleRate;

    /// <inheritdoc/>
    public int Read(Span<float> buffer)
    {
        if (_finished) return 0;
        int n;
        try
        {
            n = _reader.Read(buffer);
        }
        catch (MediaException e)
        {
            throw Failure() ?? e;
        }
        if (n == 0)
        {
            _finished = true;
            var failure = Failure();
            if (failure != null) throw failure;
        }
        return n;
    }

    /// <summary>Waits for the process to end; returns the exception describing its failure, or null when it exited 0.</summary>
    private MediaException? Failure()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            TryKill();
            return new MediaException(Path, "ffmpeg did not finish");
        }
        _process.WaitForExit(); // flushes the asynchronous stderr reader
        if (_process.ExitCode == 0) return null;
        string[] lines;
        lock (_stderr) lines = _stderr.ToArray();
        if (lines.Any(l => l.Contains("matches no streams", StringComparison.Ordinal)))
            return new MediaException(Path, "no audio stream in the file");
        var last = lines.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? $"ffmpeg exited with code {_process.ExitCode}";
        var prefix = "file:" + _fullPath + ": ";
        if (last.StartsWith(prefix, StringComparison.Ordinal)) last = last[prefix.Length..];
        return new MediaException(Path, $"ffmpeg cannot decode it: {last}");
    }

    private void TryKill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (Win32Exception) { }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        TryKill();
        try
        {
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
