using OpenCvSharp;
using SerKit.Face;

namespace SerKit.Media;

/// <summary>
/// Decodes the first video stream of a file (mp4, flv, webm, avi, … — whatever FFmpeg reads) frame by
/// frame into 8-bit grayscale, with OpenCV's FFmpeg back end (in process, streaming: one frame in memory).
/// <para>
/// <see cref="Timestamp"/> is the frame's presentation time in seconds measured from the start of the
/// file's first audio stream (the sample SerKit's audio decoder returns first), so face frames and audio
/// features line up; a file without audio is measured from the video stream's start. Frame rates may be
/// anything, also variable: times come from the container, not from the frame index.
/// </para>
/// </summary>
public sealed class VideoReader : IDisposable
{
    private readonly VideoCapture _capture;
    private readonly Mat _frame = new();
    private byte[] _pixels;
    private GrayImage _image;
    private double _lastTimestamp = double.NegativeInfinity;
    private double _offset = double.NaN;

    private VideoReader(string path, VideoStreamInfo info, VideoCapture capture)
    {
        Path = path;
        Info = info;
        _capture = capture;
        _pixels = new byte[info.Width * info.Height];
        _image = new GrayImage(_pixels, info.Width, info.Height, info.Width);
    }

    /// <summary>Opens <paramref name="path"/>; throws a <see cref="MediaException"/> naming the file when it cannot be decoded or has no video stream.</summary>
    public static VideoReader Open(string path)
    {
        var info = VideoStreamInfo.Probe(path);
        var capture = new VideoCapture();
        bool opened;
        try
        {
            opened = capture.Open(System.IO.Path.GetFullPath(path), VideoCaptureAPIs.FFMPEG);
        }
        catch (OpenCVException e)
        {
            capture.Dispose();
            throw new MediaException(path, $"cannot be decoded ({e.Message})", e);
        }
        if (!opened)
        {
            capture.Dispose();
            throw new MediaException(path, "cannot be decoded (OpenCV's FFmpeg back end cannot open the video stream)");
        }
        return new VideoReader(path, info, capture);
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>Stream facts from ffprobe (size, nominal frame rate, start times).</summary>
    public VideoStreamInfo Info { get; }

    /// <summary>Columns of every frame.</summary>
    public int Width => Info.Width;

    /// <summary>Rows of every frame.</summary>
    public int Height => Info.Height;

    /// <summary>Zero-based index of the current frame (-1 before the first <see cref="Read"/>).</summary>
    public int Index { get; private set; } = -1;

    /// <summary>Presentation time of the current frame in seconds from the audio stream's start (see the class remarks).</summary>
    public double Timestamp { get; private set; } = double.NaN;

    /// <summary>The current frame in grayscale. The buffer is reused: copy it to keep it past the next <see cref="Read"/>.</summary>
    public GrayImage Current => _image;

    /// <summary>The current frame as OpenCV decoded it (3-channel BGR), for drawing overlays.</summary>
    internal Mat CurrentBgr => _frame;

    /// <summary>Decodes the next frame; false at the end of the stream.</summary>
    public bool Read()
    {
        bool ok;
        try
        {
            ok = _capture.Read(_frame);
        }
        catch (OpenCVException e)
        {
            throw new MediaException(Path, $"frame {Index + 1} cannot be decoded ({e.Message})", e);
        }
        if (!ok || _frame.Empty()) return false;
        Index++;
        double ms = _capture.Get(VideoCaptureProperties.PosMsec);
        double t = double.IsFinite(ms) ? ms / 1000 : Index / Info.FramesPerSecond;
        // OpenCV measures from a start of its own choosing (the container's); anchor it with ffprobe's first frame time.
        if (Index == 0) _offset = Info.FirstFrameTimestamp - t;
        // A container without timestamps for some frames: keep time increasing by one nominal frame.
        if (!(t > _lastTimestamp) && double.IsFinite(Info.FramesPerSecond) && Index > 0) t = _lastTimestamp + 1 / Info.FramesPerSecond;
        _lastTimestamp = t;
        Timestamp = t + _offset;
        ToGray();
        return true;
    }

    private void ToGray()
    {
        if (_frame.Cols != _image.Width || _frame.Rows != _image.Height)
        {
            _pixels = new byte[_frame.Cols * _frame.Rows];
            _image = new GrayImage(_pixels, _frame.Cols, _frame.Rows, _frame.Cols);
        }
        DlibGray.Convert(_frame, _pixels);
    }

    public void Dispose()
    {
        _capture.Dispose();
        _frame.Dispose();
    }
}
