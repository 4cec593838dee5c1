using SerKit.Face;
using SerKit.Tests.Synthetic;
using Xunit.Abstractions;

namespace SerKit.Tests.Face;

/// <summary>
/// The estimator on the demo generator's face tracks (<c>serkit synth</c>: landmarks moved by the
/// AUs it applied, head motion and yaw, tracking noise, failed frames, written as OpenFace CSVs):
/// its intensities should agree with the generator's <c>AUxx_r</c> columns.
/// </summary>
[Collection(SmallDemoCorpus.Collection)]
public class DemoTrackAgreementTests(SmallDemoCorpus corpus, ITestOutputHelper output)
{
    // The AUs of the generator's expressions (ActionUnitPrototypes) and of its speech (AU25/AU26).
    private static readonly int[] MainAus = { 1, 2, 4, 5, 6, 7, 9, 12, 15, 20, 23, 25, 26 };

    private IEnumerable<IGrouping<string, FaceTrack>> TracksBySpeaker() =>
        corpus.Result.Labelled.Items.Concat(corpus.Result.Unlabelled.Items)
            .GroupBy(u => u.Speaker!, u => OpenFaceCsv.Read(Path.Combine(corpus.Folder, "faces", u.Id + ".csv")));

    private static Dictionary<int, double> Agreement(IEnumerable<(FaceTrack Truth, FaceTrack Estimate)> pairs)
    {
        var truth = ActionUnitEstimator.IntensityAus.ToDictionary(a => a, _ => new List<double>());
        var estimate = ActionUnitEstimator.IntensityAus.ToDictionary(a => a, _ => new List<double>());
        foreach (var (t, e) in pairs)
            for (int k = 0; k < t.Frames.Count; k++)
            {
                var f = e.Frames[k];
                if (!t.Frames[k].Success) continue;
                foreach (var au in ActionUnitEstimator.IntensityAus)
                {
                    truth[au].Add(t.Frames[k].AuIntensity[t.IntensityIndex(au)]);
                    estimate[au].Add(f.AuIntensity[e.IntensityIndex(au)]);
                }
            }
        return ActionUnitEstimator.IntensityAus.ToDictionary(a => a, a => Statistics.Pearson(truth[a], estimate[a]));
    }

    [Fact]
    public void IntensitiesCorrelateWithTheGeneratorsAus()
    {
        var perPerson = new List<(FaceTrack, FaceTrack)>();
        var perTrack = new List<(FaceTrack, FaceTrack)>();
        var unsmoothed = new List<(FaceTrack, FaceTrack)>();
        var estimator = new ActionUnitEstimator();
        var raw = new ActionUnitEstimator(new ActionUnitOptions { Smoothing = 1 });
        foreach (var speaker in TracksBySpeaker())
        {
            var tracks = speaker.ToList();
            perPerson.AddRange(tracks.Zip(estimator.Apply(tracks)));
            unsmoothed.AddRange(tracks.Zip(raw.Apply(tracks)));
            perTrack.AddRange(tracks.Select(t => (t, estimator.Apply(t))));
        }
        var person = Agreement(perPerson);
        var track = Agreement(perTrack);
        var single = Agreement(unsmoothed);
        int frames = perPerson.Sum(p => p.Item1.Frames.Count(f => f.Success));
        output.WriteLine($"Pearson r, estimated vs generator AUxx_r, {frames} tracked frames of {perPerson.Count} utterances:");
        output.WriteLine("AU    per-person neutral   per-person, no smoothing   per-track neutral");
        foreach (var au in ActionUnitEstimator.IntensityAus)
            output.WriteLine($"AU{au:D2}  {person[au],10:0.00}   {single[au],14:0.00}   {track[au],20:0.00}{(MainAus.Contains(au) ? "" : "   (not in the generator's expressions)")}");
        foreach (var au in MainAus)
            Assert.True(person[au] > 0.6, $"AU{au:D2}: r = {person[au]:0.00} with a per-person neutral");
    }
}
