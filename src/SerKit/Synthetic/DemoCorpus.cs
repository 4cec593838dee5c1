using System.Globalization;
using System.Text.Json;
using SerKit.Corpus;
using SerKit.Face;
using SerKit.IO;
using SerKit.Media;

namespace SerKit.Synthetic;

/// <summary>
/// Generates SerKit's audiovisual demo corpus (the layout <c>serkit synth</c> writes):
/// <c>wav/&lt;id&gt;.wav</c> (16 kHz mono PCM16), <c>faces/&lt;id&gt;.csv</c> (OpenFace 2.x schema,
/// 30 fps, aligned with the audio), <c>labelled.csv</c> (six CREMA-D classes, and arousal, valence and
/// dominance on a 1–7 scale from the synthesised prosody, <see cref="EmotionAttributes"/>),
/// <c>unlabelled.csv</c> (label column empty; the drawn emotions are not written; the attribute columns
/// are written for checking only) and
/// <c>corpus.json</c> (settings, seed, speakers). Labelled and unlabelled speakers are disjoint.
/// <para>
/// Each utterance's voice is its speaker's neutral voice shifted by the emotion
/// (<see cref="EmotionProsody.Sample"/>) at a strength drawn around the speaker's expressivity,
/// recorded with background noise at the speaker's SNR and a random gain; its face shows the
/// same emotion at a correlated strength (<see cref="FaceSynthesizer"/>). Speakers differ in
/// voice, expressivity and face, and strengths vary per utterance, so classes overlap.
/// Same seed and sizes, same bytes (whatever the number of threads).
/// </para>
/// </summary>
public static class DemoCorpus
{
    private static readonly (string Emotion, double Weight)[] UnlabelledMix =
    {
        ("ANG", 0.15), ("DIS", 0.15), ("FEA", 0.15), ("HAP", 0.15), ("NEU", 0.25), ("SAD", 0.15),
    };

    private sealed record Plan(string Id, DemoSpeaker Speaker, string Emotion, bool Labelled, double Seconds,
                               double Strength, double FaceStrength, double GainDb, TrackingLoss Loss, int Seed);

    /// <summary>Writes the corpus into <paramref name="folder"/> and returns its manifests.</summary>
    /// <exception cref="ArgumentException">A bad option.</exception>
    /// <exception cref="IOException">The folder holds other files and is not a previous demo corpus.</exception>
    public static DemoCorpusResult Write(string folder, DemoCorpusOptions? options = null, IProgress<DemoCorpusProgress>? progress = null,
                                         CancellationToken cancellation = default)
    {
        options ??= new DemoCorpusOptions();
        options.Validate();
        folder = Path.GetFullPath(folder);
        var plans = MakePlan(options);
        Prepare(folder, plans);

        var wavDir = Path.Combine(folder, "wav");
        var faceDir = Path.Combine(folder, "faces");
        Directory.CreateDirectory(wavDir);
        Directory.CreateDirectory(faceDir);
        var voice = new VoiceSynthesizer(DemoCorpusOptions.SampleRate);
        var faces = new FaceSynthesizer(DemoCorpusOptions.FrameRate);
        var samplesOf = new long[plans.Count];
        var framesOf = new int[plans.Count];
        var failedOf = new int[plans.Count];
        int done = 0;
        long doneSamples = 0;
        Parallel.For(0, plans.Count, new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount,
            CancellationToken = cancellation,
        }, i =>
        {
            var p = plans[i];
            var audio = RenderAudio(voice, p);
            WavFile.Write(Path.Combine(wavDir, p.Id + ".wav"), audio, DemoCorpusOptions.SampleRate);
            var facePath = Path.Combine(faceDir, p.Id + ".csv");
            var track = faces.Render(facePath, p.Speaker.Face, p.Emotion, p.FaceStrength, audio, DemoCorpusOptions.SampleRate, p.Seed ^ 0x5A5A5A5, p.Loss);
            OpenFaceCsv.Write(facePath, track);
            samplesOf[i] = audio.Length;
            framesOf[i] = track.Frames.Count;
            failedOf[i] = track.Frames.Count(f => !f.Success);
            long total = Interlocked.Add(ref doneSamples, audio.Length);
            progress?.Report(new DemoCorpusProgress(Interlocked.Increment(ref done), plans.Count, total / (double)DemoCorpusOptions.SampleRate));
        });

        Utterance Item(int i)
        {
            var extra = new Dictionary<string, string> { ["gender"] = plans[i].Speaker.Gender };
            var attributes = Attributes(plans[i], options.Seed);
            for (int a = 0; a < attributes.Length; a++) extra[EmotionAttributes.Names[a]] = attributes[a].ToString("0.00", CultureInfo.InvariantCulture);
            return new(plans[i].Id, $"wav/{plans[i].Id}.wav", plans[i].Speaker.Id, plans[i].Labelled ? plans[i].Emotion : null)
            {
                Duration = Math.Round(samplesOf[i] / (double)DemoCorpusOptions.SampleRate, 4),
                Extra = extra,
            };
        }
        var labelledPath = Path.Combine(folder, "labelled.csv");
        var unlabelledPath = Path.Combine(folder, "unlabelled.csv");
        new Manifest(folder, Enumerable.Range(0, plans.Count).Where(i => plans[i].Labelled).Select(Item)).Save(labelledPath, ManifestFormat.SerKitCsv);
        new Manifest(folder, Enumerable.Range(0, plans.Count).Where(i => !plans[i].Labelled).Select(Item)).Save(unlabelledPath, ManifestFormat.SerKitCsv);
        double seconds = samplesOf.Sum() / (double)DemoCorpusOptions.SampleRate;
        WriteDescription(Path.Combine(folder, "corpus.json"), options, plans, seconds);
        return new DemoCorpusResult(folder, Manifest.Load(labelledPath), Manifest.Load(unlabelledPath), seconds, framesOf.Sum(), failedOf.Sum());
    }

    /// <summary>Arousal, valence and dominance of an utterance from the voice it is rendered with (<see cref="EmotionAttributes"/>).</summary>
    private static double[] Attributes(Plan p, long seed) =>
        EmotionAttributes.Rate(p.Speaker.Voice, EmotionProsody.Sample(p.Speaker.Voice, p.Emotion, p.Strength, p.Seed), p.Emotion,
            SynthRandom.For(seed, "attributes/" + p.Id).NextSeed64());

    private static float[] RenderAudio(VoiceSynthesizer synth, Plan p)
    {
        var voice = EmotionProsody.Sample(p.Speaker.Voice, p.Emotion, p.Strength, p.Seed);
        var audio = synth.Render(voice, p.Seconds, p.Seed);
        // Recording: background noise (low-passed white) at the speaker's SNR, then the session gain.
        var rng = new SynthRandom(0x94D049BB133111EBUL ^ (ulong)(uint)p.Seed);
        double speech = 0;
        foreach (var s in audio) speech += s * (double)s;
        speech = Math.Sqrt(speech / Math.Max(1, audio.Length));
        double noiseRms = speech * Math.Pow(10, -(p.Speaker.SnrDb + rng.Gaussian(0, 2)) / 20);
        double gain = Math.Pow(10, p.GainDb / 20), state = 0;
        const double Smooth = 0.6; // one-pole low-pass: more noise energy at low frequencies, like room noise
        double scale = noiseRms * Math.Sqrt((1 + Smooth) / (1 - Smooth));
        for (int i = 0; i < audio.Length; i++)
        {
            state = Smooth * state + (1 - Smooth) * rng.Gaussian();
            audio[i] = (float)Math.Clamp((audio[i] + scale * state) * gain, -0.99, 0.99);
        }
        return audio;
    }

    private static List<Plan> MakePlan(DemoCorpusOptions o)
    {
        var plans = new List<Plan>();
        var labelled = Enumerable.Range(1, o.Speakers).Select(s => DemoSpeaker.Create(o.Seed, $"s{s:D2}", female: s % 2 == 1)).ToArray();
        var unlabelled = Enumerable.Range(1, o.UnlabelledSpeakers).Select(s => DemoSpeaker.Create(o.Seed, $"u{s:D2}", female: s % 2 == 0)).ToArray();
        var rng = SynthRandom.For(o.Seed, "plan");
        foreach (var speaker in labelled)
        {
            var emotions = EmotionProsody.Classes.SelectMany(e => Enumerable.Repeat(e, o.UtterancesPerEmotion)).ToList();
            var order = new SplitMix64(rng.NextSeed64());
            order.Shuffle(emotions);
            for (int k = 0; k < emotions.Count; k++) plans.Add(Draw($"{speaker.Id}_{k + 1:D3}", speaker, emotions[k], true, rng, o));
        }
        foreach (var speaker in unlabelled)
        {
            for (int k = 0; k < o.UnlabelledUtterances; k++)
            {
                double u = rng.NextDouble(), sum = 0;
                string emotion = UnlabelledMix[^1].Emotion;
                foreach (var (e, w) in UnlabelledMix)
                {
                    sum += w;
                    if (u < sum) { emotion = e; break; }
                }
                plans.Add(Draw($"{speaker.Id}_{k + 1:D3}", speaker, emotion, false, rng, o));
            }
        }
        // A few utterances lose the face for most of their frames.
        MarkSevere(plans, true, o.SevereTrackingLossLabelled, rng);
        MarkSevere(plans, false, o.SevereTrackingLossUnlabelled, rng);
        return plans;
    }

    private static Plan Draw(string id, DemoSpeaker speaker, string emotion, bool labelled, SynthRandom rng, DemoCorpusOptions o)
    {
        double seconds = Math.Round(rng.Uniform(o.MinSeconds, o.MaxSeconds), 3);
        double strength = speaker.Expressivity * rng.Uniform(0.6, 1.4);
        // The face usually shows the emotion at a strength like the voice's; sometimes the speaker keeps a straight face.
        double faceStrength = strength * (rng.Chance(0.12) ? rng.Uniform(0.1, 0.35) : rng.Uniform(0.85, 1.15));
        double gainDb = rng.Gaussian(0, 2);
        var loss = rng.Chance(o.BriefTrackingLossShare) ? TrackingLoss.Brief : TrackingLoss.None;
        int seed = (int)(Extraction.Shard.StableHash($"{o.Seed}/utterance/{id}") & int.MaxValue);
        return new Plan(id, speaker, emotion, labelled, seconds, strength, faceStrength, gainDb, loss, seed);
    }

    private static void MarkSevere(List<Plan> plans, bool labelled, int count, SynthRandom rng)
    {
        var candidates = Enumerable.Range(0, plans.Count).Where(i => plans[i].Labelled == labelled).ToList();
        for (int c = 0; c < count && candidates.Count > 0; c++)
        {
            int pick = rng.Next(candidates.Count);
            plans[candidates[pick]] = plans[candidates[pick]] with { Loss = TrackingLoss.Severe };
            candidates.RemoveAt(pick);
        }
    }

    /// <summary>Refuses a non-empty folder that is not a demo corpus; in a previous corpus, removes media this plan does not write.</summary>
    private static void Prepare(string folder, List<Plan> plans)
    {
        if (!Directory.Exists(folder)) return;
        bool previous = File.Exists(Path.Combine(folder, "corpus.json"));
        if (!previous && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new IOException($"{folder}: folder is not empty and holds no corpus.json; choose an empty or new folder for the demo corpus");
        AtomicFile.CleanStale(folder);
        var ids = new HashSet<string>(plans.Select(p => p.Id), StringComparer.Ordinal);
        foreach (var (sub, ext) in new[] { ("wav", ".wav"), ("faces", ".csv") })
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.EnumerateFiles(dir, "*" + ext))
                if (!ids.Contains(Path.GetFileNameWithoutExtension(f))) File.Delete(f);
        }
    }

    private static void WriteDescription(string path, DemoCorpusOptions o, List<Plan> plans, double seconds)
    {
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("generator", "serkit synth");
            w.WriteNumber("format_version", 1);
            w.WriteNumber("seed", o.Seed);
            w.WriteNumber("sample_rate", DemoCorpusOptions.SampleRate);
            w.WriteNumber("frame_rate", DemoCorpusOptions.FrameRate);
            w.WriteStartArray("classes");
            foreach (var c in EmotionProsody.Classes) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartObject("durations_s");
            w.WriteNumber("min", o.MinSeconds);
            w.WriteNumber("max", o.MaxSeconds);
            w.WriteEndObject();
            w.WriteNumber("audio_seconds", Math.Round(seconds, 3));
            w.WriteStartObject("attributes");
            w.WriteStartArray("columns");
            foreach (var a in EmotionAttributes.Names) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteStartArray("scale");
            w.WriteNumberValue(EmotionAttributes.Min);
            w.WriteNumberValue(EmotionAttributes.Max);
            w.WriteEndArray();
            w.WriteString("unlabelled", "written for checking only; training must not read them");
            w.WriteEndObject();
            foreach (var labelled in new[] { true, false })
            {
                var part = plans.Where(p => p.Labelled == labelled).ToList();
                w.WriteStartObject(labelled ? "labelled" : "unlabelled");
                w.WriteString("manifest", labelled ? "labelled.csv" : "unlabelled.csv");
                w.WriteNumber("utterances", part.Count);
                if (labelled) w.WriteNumber("utterances_per_emotion", o.UtterancesPerEmotion);
                else
                {
                    w.WriteNumber("utterances_per_speaker", o.UnlabelledUtterances);
                    w.WriteStartObject("emotion_mix");
                    foreach (var (e, weight) in UnlabelledMix) w.WriteNumber(e, weight);
                    w.WriteEndObject();
                }
                w.WriteStartArray("speakers");
                foreach (var s in part.Select(p => p.Speaker).Distinct())
                {
                    w.WriteStartObject();
                    w.WriteString("id", s.Id);
                    w.WriteString("gender", s.Gender);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("severe_tracking_loss");
                foreach (var p in part.Where(p => p.Loss == TrackingLoss.Severe)) w.WriteStringValue(p.Id);
                w.WriteEndArray();
                w.WriteNumber("brief_tracking_loss", part.Count(p => p.Loss == TrackingLoss.Brief));
                w.WriteEndObject();
            }
            w.WriteStartObject("options");
            w.WriteNumber("speakers", o.Speakers);
            w.WriteNumber("utterances_per_emotion", o.UtterancesPerEmotion);
            w.WriteNumber("unlabelled_speakers", o.UnlabelledSpeakers);
            w.WriteNumber("unlabelled_utterances", o.UnlabelledUtterances);
            w.WriteNumber("brief_tracking_loss_share", o.BriefTrackingLossShare);
            w.WriteNumber("severe_tracking_loss_labelled", o.SevereTrackingLossLabelled);
            w.WriteNumber("severe_tracking_loss_unlabelled", o.SevereTrackingLossUnlabelled);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
