namespace SerKit.Face;

/// <summary>What one <see cref="FaceVideoPipeline"/> run did: frames decoded and fitted, detector runs, losses.</summary>
public sealed record FaceVideoStats(int FramesDecoded, int FramesFitted, int FramesWithFace, int Detections, int Losses);
