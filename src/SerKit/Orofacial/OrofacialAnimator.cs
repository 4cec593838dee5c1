using System.Runtime.InteropServices;
using SerKit.Audio;
using SerKit.Face;
using SerKit.Media;
using SerKit.Modeling;
using static TorchSharp.torch;

namespace SerKit.Orofacial;

/// <summary>
/// Speech in, face track out: decodes audio, computes the model's features, predicts the jaw and mouth landmarks frame by frame and
/// completes them to a 68-point face. Points the model does not predict (brows, eyes, nose) come from the training set's mean normalised
/// shape (<see cref="OrofacialConfig.MeanShape"/>); with <see cref="TargetReference.Speaker"/> the predicted movements are added to that
/// mean shape (the animated person is the training set's average face), with <see cref="TargetReference.Absolute"/> the predicted
/// coordinates are used as they are. Not thread-safe: one animator per thread.
/// </summary>
public sealed class OrofacialAnimator : IDisposable
{
    private readonly OrofacialModel _model;
    private readonly IFeatureExtractor _extractor;

    private OrofacialAnimator(OrofacialModel model, OrofacialConfig config)
    {
        _model = model;
        Config = config;
        _extractor = FeatureExtractors.Create(config.Features.ToOptions());
    }

    /// <summary>The model's config.</summary>
    public OrofacialConfig Config { get; }

    /// <summary>Seconds between feature frames.</summary>
    public double HopSeconds => Config.Features.Hop / (double)Config.Features.SampleRate;

    /// <summary>Loads the model folder <paramref name="modelDir"/>.</summary>
    public static OrofacialAnimator Load(string modelDir, int threads = 1)
    {
        Runtime.TorchRuntime.Start(threads);
        var (model, config, _) = OrofacialModelDirectory.Load(modelDir);
        return new OrofacialAnimator(model, config);
    }

    /// <summary>Normalised 68-point shapes (136 values per feature frame: x_0 … x_67, y_0 … y_67) for the speech in <paramref name="audioPath"/> (any format FFmpeg reads).</summary>
    public float[] Predict(string audioPath, out int frames, out double seconds)
    {
        var samples = AudioDecoder.ReadAll(audioPath, Config.Features.SampleRate);
        seconds = samples.Length / (double)Config.Features.SampleRate;
        if (samples.Length < _extractor.Options.MinimumSamples)
            throw new MediaException(audioPath, $"too short to animate ({samples.Length} samples, at least {_extractor.Options.MinimumSamples} needed)");
        return Predict(samples, out frames);
    }

    /// <summary>Normalised 68-point shapes for mono samples at the model's sample rate.</summary>
    public float[] Predict(float[] samples, out int frames)
    {
        var features = _extractor.Compute(samples, out frames);
        float[] landmarks;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            var x = tensor(features, [1, frames, _extractor.Dimension]);
            var lengths = tensor(new long[] { frames });
            var predicted = _model.Landmarks(_model.call(x, lengths)).contiguous();
            landmarks = new float[predicted.numel()];
            MemoryMarshal.Cast<byte, float>(predicted.bytes).CopyTo(landmarks);
        }
        const int W = LandmarkTrajectory.Width, N = FaceTrack.LandmarkCount, O = OrofacialPoints.Outputs, C = OrofacialPoints.Count;
        var shapes = new float[frames * W];
        bool relative = Config.Data.Reference == TargetReference.Speaker;
        for (int t = 0; t < frames; t++)
        {
            var row = shapes.AsSpan(t * W, W);
            Config.MeanShape.CopyTo(row);
            for (int k = 0; k < C; k++)
            {
                int p = OrofacialPoints.Predicted[k];
                float px = landmarks[t * O + k], py = landmarks[t * O + C + k];
                row[p] = relative ? row[p] + px : px;
                row[N + p] = relative ? row[N + p] + py : py;
            }
        }
        return shapes;
    }

    /// <summary>
    /// A face track (OpenFace schema) of normalised <paramref name="shapes"/> (<paramref name="frames"/> feature frames) placed on
    /// <paramref name="canvas"/>: round(seconds × fps) frames (at least one), frame k (numbered from 1) at k/fps s with the shape
    /// interpolated linearly between the feature frames around that time, confidence 1, success 1, no AU columns.
    /// </summary>
    public FaceTrack ToTrack(string path, float[] shapes, int frames, double seconds, AnimationCanvas canvas)
    {
        canvas.Validate();
        const int W = LandmarkTrajectory.Width, N = FaceTrack.LandmarkCount;
        if (frames < 1 || shapes.Length != frames * W) throw new ArgumentException($"expected {frames} frames of {W} values");
        int count = Math.Max(1, (int)Math.Round(seconds * canvas.FramesPerSecond));
        var rows = new List<FaceFrame>(count);
        for (int k = 0; k < count; k++)
        {
            double time = k / canvas.FramesPerSecond;
            double position = Math.Clamp(time / HopSeconds, 0, frames - 1);
            int a = (int)Math.Floor(position), b = Math.Min(frames - 1, a + 1);
            double w = position - a;
            var x = new float[N];
            var y = new float[N];
            for (int i = 0; i < N; i++)
            {
                double xn = shapes[a * W + i] + w * (shapes[b * W + i] - shapes[a * W + i]);
                double yn = shapes[a * W + N + i] + w * (shapes[b * W + N + i] - shapes[a * W + N + i]);
                x[i] = (float)(canvas.OriginX + canvas.InterOcular * xn);
                y[i] = (float)(canvas.OriginY + canvas.InterOcular * yn);
            }
            rows.Add(new FaceFrame(k + 1, 0, Math.Round(time, 3), 1, true, x, y, [], []));
        }
        return new FaceTrack(path, rows, [], []);
    }

    /// <summary>Frees the network.</summary>
    public void Dispose() => _model.Dispose();
}
