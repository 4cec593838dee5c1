namespace SerKit.Face;

/// <summary>
/// One split node of a regression tree (dlib's <c>impl::split_feature</c>): go to the left child
/// when <c>feature[Idx1] − feature[Idx2] &gt; Threshold</c>, else to the right child.
/// </summary>
internal readonly record struct SplitFeature(int Idx1, int Idx2, float Threshold);
