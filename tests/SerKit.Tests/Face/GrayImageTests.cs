using SerKit.Face;
using SerKit.Media;
using SerKit.Tests.Fixtures;

namespace SerKit.Tests.Face;

public sealed class GrayImageTests
{
    [Fact]
    public void A_binary_pgm_is_read_with_comments_and_a_bad_one_is_refused_naming_the_file()
    {
        var dir = RepoPaths.NewTempFolder("serkit-pgm");
        try
        {
            var good = Path.Combine(dir, "good.pgm");
            File.WriteAllBytes(good, [.. "P5\n# made by a test\n3 2\n255\n"u8.ToArray(), 1, 2, 3, 4, 5, 6]);
            var image = GrayImage.ReadPgm(good);
            Assert.Equal((3, 2, 3), (image.Width, image.Height, image.Stride));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, image.Pixels);

            var cases = new Dictionary<string, (byte[] Bytes, string Problem)>
            {
                ["ascii.pgm"] = ("P2\n3 2\n255\n1 2 3 4 5 6\n"u8.ToArray(), "not a binary PGM"),
                ["deep.pgm"] = ([.. "P5\n1 1\n65535\n"u8.ToArray(), 0, 0], "8-bit"),
                ["short.pgm"] = ([.. "P5\n3 2\n255\n"u8.ToArray(), 1, 2], "truncated"),
                ["nosize.pgm"] = ("P5\nx y\n255\n"u8.ToArray(), "width and height"),
            };
            foreach (var (name, (bytes, problem)) in cases)
            {
                var path = Path.Combine(dir, name);
                File.WriteAllBytes(path, bytes);
                var e = Assert.Throws<MediaException>(() => GrayImage.ReadPgm(path));
                Assert.Contains(path, e.Message);
                Assert.Contains(problem, e.Message);
            }
            var missing = Path.Combine(dir, "missing.pgm");
            Assert.Contains(missing, Assert.Throws<MediaException>(() => GrayImage.ReadPgm(missing)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Colour_rows_with_padding_are_converted_without_the_padding()
    {
        // 1x2 BGR image with stride 4: the padding bytes (99) are not pixels
        var bgr = GrayImage.FromBgr24([0, 0, 30, 99, 3, 3, 3, 99], 1, 2, 4);
        Assert.Equal(new byte[] { 10, 3 }, bgr.Pixels);
    }
}
