namespace SerKit.Tests.Fixtures;

/// <summary>Checks that a file is a PNG and reads its size from the IHDR chunk.</summary>
public static class PngFile
{
    /// <summary>Width and height of the PNG at <paramref name="path"/>, after checking the signature, the IHDR chunk and a plausible file size.</summary>
    public static (int Width, int Height) Size(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        var b = File.ReadAllBytes(path);
        Assert.True(b.Length > 1000, $"{path} is only {b.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, b[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(b, 12, 4));
        int W(int o) => (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
        return (W(16), W(20));
    }
}
