using TorchSharp;

namespace SerKit.Runtime;

/// <summary>
/// One place that starts libtorch: thread count and seeding. TorchSharp loads its native
/// shim on first use; on Debian 12 that works because the build marks the shim's
/// GLIBCXX_3.4.32 need weak (build/SerKit.Native.targets).
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _started;
    private static bool _interOpSet;

    /// <summary>
    /// Loads libtorch once and sets its intra-op thread count (0 keeps libtorch's default: one per core).
    /// The first call with <paramref name="threads"/> &gt; 0 also sizes the inter-op pool to that count
    /// (libtorch lets it be set only once per process, before any inter-op work).
    /// </summary>
    public static void Start(int threads = 0)
    {
        lock (Gate)
        {
            if (!_started)
            {
                MklVendorDispatch.Apply(); // before libtorch is loaded
                _ = torch.zeros(1);
                _started = true;
            }
            if (threads <= 0) return;
            torch.set_num_threads(threads);
            if (!_interOpSet)
            {
                _interOpSet = true;
                try { torch.set_num_interop_threads(threads); }
                catch (System.Runtime.InteropServices.ExternalException)
                {
                    // libtorch refuses once inter-op work has started; the pool then keeps its size, which
                    // costs nothing while idle (its threads wait, they do not spin).
                }
            }
        }
    }

    /// <summary>
    /// Seeds libtorch's global generator and runs <paramref name="create"/> (e.g. building a model, whose
    /// default initialisation draws from that generator) while no other thread can reseed or draw from
    /// it, so parallel training runs in one process each get exactly the weights their seed gives.
    /// </summary>
    public static T Seeded<T>(long seed, Func<T> create)
    {
        Start();
        lock (RandomGate)
        {
            torch.manual_seed(seed);
            return create();
        }
    }

    /// <summary>
    /// Held while libtorch's global generator is seeded or drawn from for model initialisation
    /// (<see cref="Seeded{T}"/>, <see cref="Seed"/>, and every model constructor). Re-entrant.
    /// </summary>
    internal static readonly object RandomGate = new();

    /// <summary>Seeds libtorch's generators for reproducible runs.</summary>
    public static void Seed(long seed)
    {
        Start();
        lock (RandomGate) torch.manual_seed(seed);
    }

    /// <summary>The libtorch version string TorchSharp was built for.</summary>
    public static string Version => torch.__version__;
}
