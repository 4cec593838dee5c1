// MSBuild task, compiled by RoslynCodeTaskFactory against netstandard2.0 (see
// SerKit.Native.targets), so it uses only APIs that netstandard2.0 has.
//
// Why this exists: TorchSharp 0.107.0's native shim libLibTorchSharp.so declares that it
// needs the symbol version GLIBCXX_3.4.32 from libstdc++.so.6. Debian 12 ships libstdc++
// up to GLIBCXX_3.4.30, so the dynamic loader refuses the library and TorchSharp cannot
// start. The only symbol tied to that version, _ZSt21ios_base_library_initv, is never
// bound at run time, so the requirement is not real. ELF lets a version requirement be
// marked weak (VER_FLG_WEAK in the vna_flags of its Vernaux entry); glibc's loader then
// accepts the library when the version is absent. This task sets that bit in the copy of
// the library in the build or publish output (never in the NuGet cache: the file is
// rewritten under a temporary name and renamed over the output copy, which also breaks
// any hard link to the cache).
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = Patch(bytes, VersionName, out var found);
                if (!found)
                {
                    Log.LogMessage(MessageImportance.Low, "{0}: no need for {1}; left as is", path, VersionName);
                    continue;
                }
                if (!changed) continue;
                var tmp = path + ".weak.tmp";
                File.WriteAllBytes(tmp, bytes);
                File.Replace(tmp, path, null); // rename over the output copy (atomic on Linux)
                Log.LogMessage(MessageImportance.Normal, "{0}: marked the need for {1} weak", path, VersionName);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError("{0}: cannot mark {1} weak: {2}", path, VersionName, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/>.</summary>
    public static bool Patch(byte[] elf, string version, out bool found)
    {
        found = false;
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only little-endian ELF64 is handled");
        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        bool changed = false;
        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)shoff + i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(elf, sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
            int strSh = checked((int)shoff + link * shentsize);
            long strOffset = (long)BitConverter.ToUInt64(elf, strSh + 0x18);
            long need = offset;
            while (true)
            {
                int count = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int k = 0; k < count; k++)
                {
                    uint nameOffset = BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadString(elf, strOffset + nameOffset) == version)
                    {
                        found = true;
                        int flagsAt = (int)aux + 4;
                        ushort flags = BitConverter.ToUInt16(elf, flagsAt);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            ushort weak = (ushort)(flags | VerFlgWeak);
                            elf[flagsAt] = (byte)(weak & 0xff);
                            elf[flagsAt + 1] = (byte)(weak >> 8);
                            changed = true;
                        }
                    }
                    uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BitConverter.ToUInt32(elf, (int)need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return changed;
    }

    private static string ReadString(byte[] elf, long at)
    {
        int end = (int)at;
        while (end < elf.Length && elf[end] != 0) end++;
        return Encoding.ASCII.GetString(elf, (int)at, end - (int)at);
    }
}
