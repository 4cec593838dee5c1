namespace SerKit.Synthetic;

/// <summary>A two-pole resonator (one formant) with unity gain at DC.</summary>
internal sealed class FormantResonator
{
    private double _a1, _a2, _b0, _y1, _y2;

    public void Tune(double frequency, double bandwidth, int sampleRate)
    {
        double r = Math.Exp(-Math.PI * bandwidth / sampleRate);
        double theta = 2 * Math.PI * frequency / sampleRate;
        _a1 = 2 * r * Math.Cos(theta);
        _a2 = -r * r;
        _b0 = 1 - _a1 - _a2;
    }

    public double Process(double x)
    {
        double y = _b0 * x + _a1 * _y1 + _a2 * _y2;
        _y2 = _y1;
        _y1 = y;
        return y;
    }
}
