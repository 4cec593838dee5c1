using SerKit.Corpus;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Corpus;

public class ManifestFormatTests
{
    private static Manifest Sample(string root) => new(root, new[]
    {
        new Utterance("utt1", "audio/a.wav", "spk1", "ANG")
        {
            Duration = 2.3023125,
            Extra = new Dictionary<string, string> { ["dataset"] = "demo", ["sample_rate"] = "16000" },
        },
        new Utterance("utt2", "audio/sub dir/b, \"quoted\".flac", null, "NEU") { Duration = 0.1 },
        new Utterance("utt3", "audio/ü/c.mp4", "spk2", null) { Extra = new Dictionary<string, string> { ["note"] = "line1\nline2" } },
        new Utterance("utt4", "d.wav", "spk2", "HAP") { Duration = 1e-7, Extra = new Dictionary<string, string> { ["dataset"] = "other" } },
    });

    [Theory]
    [InlineData(ManifestFormat.SerKitCsv, "m.csv")]
    [InlineData(ManifestFormat.EmoBoxJsonl, "m.jsonl")]
    [InlineData(ManifestFormat.SpeechBrainCsv, "sb.csv")]
    [InlineData(ManifestFormat.SpeechBrainJson, "m.json")]
    public void RoundTripsInEveryFormat(ManifestFormat format, string name)
    {
        var root = RepoPaths.NewTempFolder();
        var original = Sample(root);
        var path = Path.Combine(root, name);
        original.Save(path, format);
        Assert.Equal(format, Manifest.DetectFormat(path));
        foreach (var f in new[] { format, ManifestFormat.Auto })
        {
            var back = Manifest.Load(path, f);
            Assert.Equal(original.Root, back.Root);
            Assert.Equal(original.Items, back.Items);
        }
        Assert.Empty(Directory.GetFiles(root, "*.partial"));
    }

    [Fact]
    public void ConvertingThroughAllFormatsKeepsEverything()
    {
        var root = RepoPaths.NewTempFolder();
        var m = Sample(root);
        foreach (var (format, name) in new[] { (ManifestFormat.EmoBoxJsonl, "a.jsonl"), (ManifestFormat.SpeechBrainJson, "b.json"),
                     (ManifestFormat.SpeechBrainCsv, "c.csv"), (ManifestFormat.SerKitCsv, "d.csv") })
        {
            m.Save(Path.Combine(root, name), format);
            m = Manifest.Load(Path.Combine(root, name));
        }
        Assert.Equal(Sample(root).Items, m.Items);
    }

    [Fact]
    public void WritesTheFieldsOtherToolsExpect()
    {
        var root = RepoPaths.NewTempFolder();
        var m = Sample(root);
        m.Save(Path.Combine(root, "m.csv"));
        m.Save(Path.Combine(root, "m.jsonl"));
        m.Save(Path.Combine(root, "sb.csv"), ManifestFormat.SpeechBrainCsv);
        m.Save(Path.Combine(root, "m.json"));

        var csv = File.ReadAllLines(Path.Combine(root, "m.csv"));
        Assert.Equal("id,path,speaker,label,duration,dataset,sample_rate,note", csv[0]);
        Assert.Equal("utt1,audio/a.wav,spk1,ANG,2.3023125,demo,16000,", csv[1]);
        Assert.Equal("utt2,\"audio/sub dir/b, \"\"quoted\"\".flac\",,NEU,0.1,,,", csv[2]);

        var jsonl = File.ReadAllLines(Path.Combine(root, "m.jsonl"));
        Assert.Equal(4, jsonl.Length);
        Assert.Equal("{\"key\":\"utt1\",\"wav\":\"audio/a.wav\",\"type\":\"raw\",\"length\":2.3023125,\"emo\":\"ANG\",\"channel\":1,\"spk\":\"spk1\",\"dataset\":\"demo\",\"sample_rate\":16000}", jsonl[0]);

        var sb = File.ReadAllLines(Path.Combine(root, "sb.csv"));
        Assert.Equal("ID,duration,wav,spk_id,emo,dataset,sample_rate,note", sb[0]);
        Assert.Equal("utt1,2.3023125,$data_root/audio/a.wav,spk1,ANG,demo,16000,", sb[1]);

        var json = File.ReadAllText(Path.Combine(root, "m.json"));
        Assert.Contains("\"utt1\": {\n    \"wav\": \"{data_root}/audio/a.wav\",\n    \"length\": 2.3023125,\n    \"emo\": \"ANG\",\n    \"spk_id\": \"spk1\"", json);
    }

    [Fact]
    public void ReadsSpeechBrainCsvWithPlaceholdersAndSpaces()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "train.csv");
        File.WriteAllText(path,
            "ID, duration, wav, wav_format, wav_opts, spk_id, emo\n\n" +
            "example1, 3.260, $data_root/example1.wav, wav, , spk01, ang\n" +
            "example2, 2.068, ${data_folder}/sub/example2.flac, flac, , spk02, neu\n" +
            "example3, 1.000, rel/example3.wav, wav, start:10000 stop:26000, spk03, sad\n");
        var m = Manifest.Load(path);
        Assert.Equal(3, m.Items.Count);
        Assert.Equal(new Utterance("example1", "example1.wav", "spk01", "ang") { Duration = 3.26, Extra = new Dictionary<string, string> { ["wav_format"] = "wav" } }, m.Items[0]);
        Assert.Equal("sub/example2.flac", m.Items[1].Path);
        Assert.Equal("start:10000 stop:26000", m.Items[2].Extra["wav_opts"]);
        Assert.Equal(Path.Combine(dir, "rel", "example3.wav"), m.FullPath(m.Items[2]));

        var other = RepoPaths.NewTempFolder();
        var rooted = Manifest.Load(path, ManifestFormat.SpeechBrainCsv, root: other);
        Assert.Equal(Path.Combine(other, "example1.wav"), rooted.FullPath(rooted.Items[0]));
    }

    [Fact]
    public void ReadsSpeechBrainJsonAsTheIemocapRecipeWritesIt()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "valid.json");
        File.WriteAllText(path, """
            {
              "Ses01F_impro01_F000": {
                "wav": "{data_root}/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav",
                "length": 1.9825,
                "emo": "neu"
              },
              "Ses01F_impro01_F001": {
                "wav": "{data_root}/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F001.wav",
                "length": 2.5,
                "emo": "hap",
                "spk_id": "Ses01F",
                "channel": 1
              }
            }
            """);
        var m = Manifest.Load(path);
        Assert.Equal(new[] { "Ses01F_impro01_F000", "Ses01F_impro01_F001" }, m.Items.Select(u => u.Id));
        Assert.Equal("Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav", m.Items[0].Path);
        Assert.Equal(1.9825, m.Items[0].Duration);
        Assert.Null(m.Items[0].Speaker);
        Assert.Equal("Ses01F", m.Items[1].Speaker);
        Assert.Equal("1", m.Items[1].Extra["channel"]);
    }

    [Fact]
    public void ReadsEmoBoxJsonlLines()
    {
        var dir = RepoPaths.NewTempFolder();
        var path = Path.Combine(dir, "cremad_test_fold_1.jsonl");
        File.WriteAllText(path,
            "{\"key\": \"cremad-1052-WSI-ANG-XX\", \"dataset\": \"cremad\", \"wav\": \"downloads/cremad/AudioWAV/1052_WSI_ANG_XX.wav\", \"type\": \"raw\", \"sample_rate\": 16000, \"num_frame\": 36837.0, \"task\": \"category\", \"length\": 2.3023125, \"emo\": \"ANG\", \"channel\": 1}\n" +
            "\n" +
            "{\"key\": \"cremad-1077-IEO-ANG-MD\", \"dataset\": \"cremad\", \"wav\": \"downloads/cremad/AudioWAV/1077_IEO_ANG_MD.wav\", \"type\": \"raw\", \"sample_rate\": 16000, \"num_frame\": 27761.0, \"task\": \"category\", \"length\": 1.7350625, \"emo\": \"ANG\", \"channel\": 2}\n");
        var m = Manifest.Load(path);
        var u = m.Items[0];
        Assert.Equal("cremad-1052-WSI-ANG-XX", u.Id);
        Assert.Equal("downloads/cremad/AudioWAV/1052_WSI_ANG_XX.wav", u.Path);
        Assert.Equal("ANG", u.Label);
        Assert.Equal(2.3023125, u.Duration);
        Assert.Equal(new[] { "dataset", "sample_rate", "num_frame", "task" }, u.Extra.Keys);
        Assert.Equal("36837.0", u.Extra["num_frame"]);
        Assert.Equal("2", m.Items[1].Extra["channel"]);
        // Written back, EmoBox's own fields come out with their JSON types.
        m.Save(Path.Combine(dir, "again.jsonl"));
        var line = File.ReadAllLines(Path.Combine(dir, "again.jsonl"))[0];
        Assert.Contains("\"sample_rate\":16000", line);
        Assert.Contains("\"num_frame\":36837.0", line);
        Assert.Contains("\"channel\":1", line);
        Assert.Contains("\"type\":\"raw\"", line);
    }

    [Fact]
    public void DetectsFormatsWithoutTheUsualExtension()
    {
        var dir = RepoPaths.NewTempFolder();
        var m = Sample(dir);
        var cases = new[] { (ManifestFormat.SerKitCsv, "a.txt"), (ManifestFormat.SpeechBrainCsv, "b.txt"), (ManifestFormat.EmoBoxJsonl, "c.txt"), (ManifestFormat.SpeechBrainJson, "d.txt") };
        foreach (var (format, name) in cases)
        {
            m.Save(Path.Combine(dir, name), format);
            Assert.Equal(format, Manifest.DetectFormat(Path.Combine(dir, name)));
            Assert.Equal(m.Items, Manifest.Load(Path.Combine(dir, name)).Items);
        }
        var e = Assert.Throws<ManifestException>(() => m.Save(Path.Combine(dir, "x.txt")));
        Assert.Contains("format", e.Message);
        File.WriteAllText(Path.Combine(dir, "odd.csv"), "name,file\nx,y.wav\n");
        e = Assert.Throws<ManifestException>(() => Manifest.Load(Path.Combine(dir, "odd.csv")));
        Assert.Contains("header has: name, file", e.Message);
    }

    [SkippableFact]
    public void PythonReadsTheFilesLikeSpeechBrainAndEmoBoxDo()
    {
        FixtureCache.RequireProgram("python3", "Python's csv and json modules read SerKit's files");
        var dir = RepoPaths.NewTempFolder();
        var m = Sample(dir);
        m.Save(Path.Combine(dir, "sb.csv"), ManifestFormat.SpeechBrainCsv);
        m.Save(Path.Combine(dir, "m.jsonl"));
        m.Save(Path.Combine(dir, "m.json"));
        // The same reading code as speechbrain.dataio.dataio.load_data_csv/load_data_json and EmoBox's json.loads per line.
        var script = """
            import csv, json, re, sys
            d = sys.argv[1]
            out = []
            with open(d + '/sb.csv', newline='', encoding='utf-8') as f:
                finder = re.compile(r'\$([\w.]+)')
                for row in csv.DictReader(f, skipinitialspace=True):
                    wav = finder.sub(lambda m: {'data_root': '/R'}[m[1]], row['wav'])
                    out.append(row['ID'] + '=' + wav + '=' + (str(float(row['duration'])) if row['duration'] else '-'))
            js = json.load(open(d + '/m.json', encoding='utf-8'))
            out += [k + '=' + v['wav'].format_map({'data_root': '/R'}) for k, v in js.items()]
            out += [json.loads(l)['key'] + '=' + str(json.loads(l)['channel']) for l in open(d + '/m.jsonl', encoding='utf-8')]
            print('|'.join(out))
            """;
        var scriptPath = Path.Combine(dir, "read.py");
        File.WriteAllText(scriptPath, script);
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.ArgumentList.Add(scriptPath);
        psi.ArgumentList.Add(dir);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        Assert.Equal(string.Join('|',
            "utt1=/R/audio/a.wav=2.3023125", "utt2=/R/audio/sub dir/b, \"quoted\".flac=0.1", "utt3=/R/audio/ü/c.mp4=-", "utt4=/R/d.wav=1e-07",
            "utt1=/R/audio/a.wav", "utt2=/R/audio/sub dir/b, \"quoted\".flac", "utt3=/R/audio/ü/c.mp4", "utt4=/R/d.wav",
            "utt1=1", "utt2=1", "utt3=1", "utt4=1"), output);
    }
}
