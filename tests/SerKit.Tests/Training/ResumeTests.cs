using SerKit.Tests.Fixtures;
using SerKit.Training;

namespace SerKit.Tests.Training;

/// <summary>Resume after <c>kill -9</c>, with the real CLI as a child process.</summary>
[Collection(TorchTrainingCollection.Name)]
public class ResumeTests
{
    [Fact]
    public void AKilledRunResumedFromItsCheckpointEndsWithTheUninterruptedRunsWeights()
    {
        var dir = RepoPaths.NewTempFolder();
        var train = ToneCorpus.Write(dir, "train", 48, 0.5, 3.5, seed: 11);
        var valid = ToneCorpus.Write(dir, "valid", 8, 0.5, 3.5, seed: 12);
        const int epochs = 8;
        string[] Args(string model) =>
        [
            "finetune", "--train", train, "--valid", valid, "--from-scratch", "-o", model, "--epochs", epochs.ToString(), "--batch", "4",
            "--seed", "21", "--patience", "0", "--threads", "1",
            // Large enough that an epoch takes a few hundred milliseconds, so the kill lands between two checkpoints.
            "--layers", "2", "--width", "64", "--heads", "4", "--feed-forward", "128", "--mels", "32",
        ];

        var killed = Path.Combine(dir, "killed");
        int killedAfter;
        using (var first = CliRunner.Start(Args(killed)))
        {
            var checkpoint = TrainingCheckpoint.PathIn(killed);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(checkpoint) && !first.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(2);
            bool finished = first.HasExited;
            if (!finished) first.Kill(); // SIGKILL
            first.WaitForExit();
            Assert.False(finished, "the run finished before it could be killed: " + first.StandardError.ReadToEnd());
            killedAfter = TrainingCheckpoint.TryRead(killed)!.EpochsDone;
        }
        Assert.InRange(killedAfter, 1, epochs - 1);
        Assert.False(File.Exists(Path.Combine(killed, "model.safetensors")));

        var (code, stdout, stderr) = CliRunner.Run([.. Args(killed), "--resume"]);
        Assert.True(code == 0, stderr);
        Assert.Contains($"resumed after epoch {killedAfter}", stdout);

        var clean = Path.Combine(dir, "clean");
        var (code2, _, stderr2) = CliRunner.Run(Args(clean));
        Assert.True(code2 == 0, stderr2);
        Assert.Equal(File.ReadAllBytes(Path.Combine(clean, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "model.safetensors")));
        Assert.Equal(Losses(clean), Losses(killed));
        Assert.Equal(epochs + 1, File.ReadAllLines(Path.Combine(killed, "train_log.csv")).Length);

        // Resuming a finished run changes nothing; starting over without --resume is refused.
        var (code3, stdout3, _) = CliRunner.Run([.. Args(killed), "--resume"]);
        Assert.Equal(0, code3);
        Assert.Contains($"resumed after epoch {epochs}", stdout3);
        Assert.Equal(File.ReadAllBytes(Path.Combine(clean, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "model.safetensors")));
        var (code4, _, stderr4) = CliRunner.Run(Args(killed));
        Assert.Equal(1, code4);
        Assert.Contains("--resume", stderr4);
    }

    private static string[] Losses(string modelDir) =>
        File.ReadAllLines(Path.Combine(modelDir, "train_log.csv")).Select(l => string.Join(',', l.Split(',')[..^1])).ToArray();
}
