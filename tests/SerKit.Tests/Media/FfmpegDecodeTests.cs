using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Media;

/// <summary>Files made with the real ffmpeg CLI, decoded through <see cref="AudioDecoder"/>.</summary>
public sealed class FfmpegDecodeTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempFolder("serkit-media");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, int, string, double> Formats => new()
    {
        // file name, source rate, encoder arguments ("STEREO" makes two channels: the tone and half of it),
        // duration tolerance in seconds: lossless formats are exact to the sample (1 ms covers the 16 kHz rounding),
        // lossy and block codecs pad to whole frames or blocks.
        { "tone.flac", 44100, "STEREO -c:a flac", 0.001 },
        { "tone.mp3", 44100, "-c:a libmp3lame -b:a 128k", 0.07 },
        { "tone.ogg", 48000, "-c:a libvorbis -q:a 4", 0.07 },
        { "tone.opus", 48000, "-c:a libopus -b:a 64k", 0.07 },
        { "tone.m4a", 22050, "-c:a aac -b:a 96k", 0.07 },
        { "adpcm.wav", 16000, "-c:a adpcm_ms", 0.07 },          // a WAV encoding only ffmpeg decodes
        { "mulaw.wav", 8000, "-c:a pcm_mulaw", 0.001 },
        { "tone.mka", 96000, "STEREO -c:a pcm_s24le", 0.001 },
    };

    [SkippableTheory]
    [MemberData(nameof(Formats))]
    public void Audio_files_decode_to_16k_mono_with_the_right_length_and_pitch(string name, int rate, string encoder, double tolerance)
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, name);
        bool stereo = encoder.StartsWith("STEREO", StringComparison.Ordinal);
        var args = encoder.Replace("STEREO", "-af pan=stereo|c0=c0|c1=0.5*c0", StringComparison.Ordinal).Split(' ');
        FfmpegCli.Run([.. FfmpegCli.Sine(1000, rate, 2.0), .. args, path]);
        // Stereo files hold the tone at full and half amplitude: their mean is 3/4 of it.
        CheckTone(path, 2.0, amplitude: stereo ? 0.125 * 0.75 : 0.125, tolerance: tolerance);
    }

    [SkippableTheory]
    [InlineData("-leading dash.ogg")]
    [InlineData("colon: and spaces.ogg")]
    [InlineData("http:odd.ogg")]
    public void Awkward_file_names_reach_ffmpeg_as_files(string name)
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, name);
        FfmpegCli.Run([.. FfmpegCli.Sine(1000, 16000, 1.0), "-c:a", "libvorbis", "file:" + path]);
        CheckTone(path, 1.0);
        // and by a path relative to the working folder
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        Assert.InRange(AudioDecoder.ReadAll(relative).Length, 16000 - 1120, 16000 + 1120);
    }

    [SkippableFact]
    public void Mp4_with_video_and_audio_tracks_decodes_its_audio()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "talk.mp4");
        FfmpegCli.Run(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=2", .. FfmpegCli.Sine(1000, 44100, 2.0),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path]);
        CheckTone(path, 2.0);
    }

    [SkippableFact]
    public void Flv_with_audio_decodes()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "clip.flv");
        FfmpegCli.Run(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=2", .. FfmpegCli.Sine(1000, 22050, 2.0),
            "-c:v", "flv", "-c:a", "libmp3lame", "-ar", "22050", "-shortest", path]);
        // FLV keeps no gapless information: the MP3 encoder delay and padding (~64 ms) stay in.
        CheckTone(path, 2.0, tolerance: 0.08);
    }

    [SkippableFact]
    public void Video_without_audio_is_reported_as_having_no_audio_stream()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "silent.mp4");
        FfmpegCli.Run("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=1", "-c:v", "libx264", "-preset", "ultrafast", path);
        var e = Assert.Throws<MediaException>(() => AudioDecoder.ReadAll(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("no audio stream", e.Problem);
    }

    [SkippableFact]
    public void Ffmpeg_decoding_of_a_wav_matches_the_in_process_reader()
    {
        FfmpegCli.Require();
        var path = Path.Combine(_dir, "stereo.wav");
        // Stereo 44.1 kHz 16-bit with different content per channel, and a LIST chunk before the data (ffmpeg writes one).
        FfmpegCli.Run(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1.5",
            "-f", "lavfi", "-i", "sine=frequency=1300:sample_rate=44100:duration=1.5",
            "-filter_complex", "[0:a][1:a]amerge=inputs=2", "-c:a", "pcm_s16le", path]);

        float[] ReadAllOf(IAudioStream s)
        {
            using (s)
            {
                var all = new List<float>();
                var buf = new float[1000];
                int n;
                while ((n = s.Read(buf)) > 0) all.AddRange(buf.AsSpan(0, n).ToArray());
                return all.ToArray();
            }
        }

        var inProcess = ReadAllOf(WavReader.TryOpen(path)!);
        var viaFfmpeg = ReadAllOf(new FfmpegAudioStream(path));
        Assert.Equal(66150, inProcess.Length);
        Assert.True(Signals.MaxAbsDiff(inProcess, viaFfmpeg) < 1e-4);

        // and the same after resampling to 16 kHz
        var a = ReadAllOf(new ResamplingAudioStream(WavReader.TryOpen(path)!, 16000));
        var b = ReadAllOf(new ResamplingAudioStream(new FfmpegAudioStream(path), 16000));
        Assert.True(Signals.MaxAbsDiff(a, b) < 1e-4);
        Assert.Equal(a, AudioDecoder.ReadAll(path));
    }

    [Fact]
    public void Missing_ffmpeg_is_reported_with_how_to_install_it()
    {
        var path = Path.Combine(_dir, "x.mp3");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.Throws<MediaException>(() => new FfmpegAudioStream(path, program: "ffmpeg-serkit-not-installed"));
        Assert.Contains(path, e.Message);
        Assert.Contains("is not installed; apt-get install ffmpeg", e.Problem);
    }

    private static void CheckTone(string path, double seconds, double amplitude = 0.125, double tolerance = 0.07)
    {
        var y = AudioDecoder.ReadAll(path);
        Assert.InRange(y.Length / 16000.0, seconds - tolerance, seconds + tolerance);
        var mid = y[(y.Length / 4)..(3 * y.Length / 4)];
        Assert.InRange(Signals.DominantFrequency(mid, 16000), 998, 1002);
        // lavfi's sine has amplitude 1/8; lossy codecs keep it within 10 % (LAME's MP3 loses about 5 %).
        Assert.InRange(Signals.ToneAmplitude(mid, 1000, 16000), amplitude * 0.9, amplitude * 1.1);
    }
}
