namespace SerKit.Evaluation;

/// <summary>
/// The model's output for one utterance: predicted class id, the truth when known, and one
/// score per class (probabilities after softmax, in class order).
/// </summary>
public sealed record Prediction(string Key, int Predicted, int? Truth, float[] Scores);
