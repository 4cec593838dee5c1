using System.CommandLine;
using SerKit.Runtime;

namespace SerKit.Cli.Commands;

/// <summary><c>serkit info</c>: versions of SerKit and its native parts, and a libtorch check.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print SerKit's version and check that libtorch loads and runs.");
        command.SetAction(_ =>
        {
            TorchRuntime.Start();
            using var x = TorchSharp.torch.arange(6, TorchSharp.torch.float32).reshape(2, 3);
            using var y = x.matmul(x.t());
            Console.WriteLine($"serkit {typeof(TorchRuntime).Assembly.GetName().Version}");
            Console.WriteLine($"libtorch {TorchRuntime.Version} (threads {TorchSharp.torch.get_num_threads()})");
            Console.WriteLine($"check: [[0,1,2],[3,4,5]] x its transpose, trace = {y.trace().item<float>()}");
            return 0;
        });
        return command;
    }
}
