using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace SerKit.Runtime;

/// <summary>
/// Lets the oneMKL inside libtorch use the kernels the CPU supports on non-Intel x86 processors.
/// oneMKL picks its GEMM kernels by CPU vendor as well as by instruction set: on AMD processors it
/// falls back to its AVX2 code even when AVX-512 is there, which makes libtorch's matrix products
/// (every linear layer, attention) about half as fast as they can be (measured on an AMD EPYC Zen 5:
/// 128→256 linear forward+backward 10.2 → 5.0 ms). oneMKL asks <c>mkl_serv_intel_cpu_true</c>, a symbol
/// libtorch exports and calls through its PLT; this class builds a 4 KiB ELF shared object in memory
/// (<c>memfd_create</c>) whose only function is that symbol returning 1 and loads it with
/// <c>RTLD_GLOBAL</c> before libtorch, so the dynamic linker binds libtorch's call to it. The kernel
/// is then chosen by the instruction sets the CPU reports, as on Intel processors.
/// Applied only on Linux x64 with a non-Intel CPU; set <c>SERKIT_MKL_VENDOR_CHECK=keep</c> to leave
/// oneMKL alone. It must run before libtorch is loaded (<see cref="TorchRuntime.Start"/> does that).
/// </summary>
public static class MklVendorDispatch
{
    private const string Symbol = "mkl_serv_intel_cpu_true";
    private static readonly object Gate = new();
    private static bool? _applied;

    /// <summary>True when the override was loaded in this process.</summary>
    public static bool Applied => _applied == true;

    /// <summary>Why the override was or was not applied (for logs and benchmark reports).</summary>
    public static string Status { get; private set; } = "not attempted";

    /// <summary>Loads the override once when it applies; never throws (a failure leaves oneMKL's own choice).</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (_applied != null) return;
            _applied = false;
            try
            {
                if (Environment.GetEnvironmentVariable("SERKIT_MKL_VENDOR_CHECK") is "keep")
                {
                    Status = "disabled by SERKIT_MKL_VENDOR_CHECK=keep";
                    return;
                }
                if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
                {
                    Status = "not Linux x64";
                    return;
                }
                var vendor = Vendor();
                if (vendor == "GenuineIntel")
                {
                    Status = "Intel CPU: nothing to do";
                    return;
                }
                int fd = memfd_create("serkit-mkl-dispatch", 0);
                if (fd < 0)
                {
                    Status = "memfd_create failed";
                    return;
                }
                var image = SharedObject();
                using (var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), FileAccess.Write))
                    stream.Write(image);
                var handle = dlopen($"/proc/self/fd/{fd}", RtldNow | RtldGlobal);
                close(fd); // the loaded image stays mapped
                Status = handle == IntPtr.Zero
                    ? $"dlopen failed: {Marshal.PtrToStringAnsi(dlerror()) ?? "unknown error"}"
                    : $"{vendor} CPU: oneMKL kernels chosen by instruction set";
                _applied = handle != IntPtr.Zero;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException)
            {
                Status = "not applied: " + e.Message;
            }
        }
    }

    private static string Vendor()
    {
        if (!X86Base.IsSupported) return "unknown";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<byte> b = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(b, ebx);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], edx);
        BinaryPrimitives.WriteInt32LittleEndian(b[8..], ecx);
        return Encoding.ASCII.GetString(b);
    }

    /// <summary>
    /// A minimal x86-64 ELF shared object exporting <c>int mkl_serv_intel_cpu_true(void) { return 1; }</c>:
    /// a read/execute segment with the SysV hash table, the dynamic symbol and string tables and the code,
    /// and a read/write segment with the dynamic section.
    /// </summary>
    internal static byte[] SharedObject()
    {
        const int hashAt = 0x100, symAt = 0x110, strAt = 0x140, codeAt = 0x160, dynAt = 0x1000;
        var name = Encoding.ASCII.GetBytes(Symbol);
        int strSize = name.Length + 2;
        var f = new byte[dynAt + 6 * 16];
        var s = f.AsSpan();
        // ELF header
        s[0] = 0x7F; s[1] = (byte)'E'; s[2] = (byte)'L'; s[3] = (byte)'F';
        s[4] = 2; s[5] = 1; s[6] = 1;                                 // 64-bit, little-endian, version 1
        BinaryPrimitives.WriteUInt16LittleEndian(s[16..], 3);         // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], 62);        // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);         // EV_CURRENT
        BinaryPrimitives.WriteUInt64LittleEndian(s[32..], 64);        // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(s[52..], 64);        // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(s[54..], 56);        // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(s[56..], 3);         // e_phnum
        BinaryPrimitives.WriteUInt16LittleEndian(s[58..], 64);        // e_shentsize
        // Program headers: PT_LOAD (R+X), PT_LOAD (R+W), PT_DYNAMIC
        ProgramHeader(s[64..], 1, 5, 0, codeAt + 6);
        ProgramHeader(s[120..], 1, 6, dynAt, 6 * 16);
        ProgramHeader(s[176..], 2, 6, dynAt, 6 * 16);
        // SysV hash table: one bucket holding symbol 1
        BinaryPrimitives.WriteUInt32LittleEndian(s[hashAt..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(hashAt + 4)..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(hashAt + 8)..], 1);
        // Symbol 1 (symbol 0 is the null symbol): global function in section 1 at codeAt, 6 bytes
        BinaryPrimitives.WriteUInt32LittleEndian(s[(symAt + 24)..], 1);
        s[symAt + 24 + 4] = 0x12;                                      // STB_GLOBAL, STT_FUNC
        BinaryPrimitives.WriteUInt16LittleEndian(s[(symAt + 24 + 6)..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(symAt + 24 + 8)..], codeAt);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(symAt + 24 + 16)..], 6);
        name.CopyTo(s[(strAt + 1)..]);
        new byte[] { 0xB8, 0x01, 0x00, 0x00, 0x00, 0xC3 }.CopyTo(s[codeAt..]); // mov eax, 1; ret
        // Dynamic section
        var entries = new (long Tag, long Value)[] { (4, hashAt), (5, strAt), (6, symAt), (10, strSize), (11, 24), (0, 0) };
        for (int i = 0; i < entries.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(s[(dynAt + 16 * i)..], entries[i].Tag);
            BinaryPrimitives.WriteInt64LittleEndian(s[(dynAt + 16 * i + 8)..], entries[i].Value);
        }
        return f;
    }

    private static void ProgramHeader(Span<byte> h, uint type, uint flags, long offset, long size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(h, type);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], flags);
        BinaryPrimitives.WriteInt64LittleEndian(h[8..], offset);   // p_offset
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], offset);  // p_vaddr
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], offset);  // p_paddr
        BinaryPrimitives.WriteInt64LittleEndian(h[32..], size);    // p_filesz
        BinaryPrimitives.WriteInt64LittleEndian(h[40..], size);    // p_memsz
        BinaryPrimitives.WriteInt64LittleEndian(h[48..], 0x1000);  // p_align
    }

    private const int RtldNow = 2, RtldGlobal = 0x100;

    [DllImport("libc", SetLastError = true)]
    private static extern int memfd_create(string name, uint flags);

    [DllImport("libc")]
    private static extern IntPtr dlopen(string file, int mode);

    [DllImport("libc")]
    private static extern IntPtr dlerror();

    [DllImport("libc")]
    private static extern int close(int fd);
}
