namespace InfoRadio.Controller.Audio;

/// <summary>
/// Where a candidate signal best lines up with a reference: <c>candidate[n + Lag]</c> matches <c>reference[n]</c>
/// (a positive lag means the candidate is late). <see cref="Correlation"/> is Pearson's r over the
/// <see cref="OverlapSamples"/> samples the two share at that lag: 1 identical up to gain and offset, ~0 unrelated.
/// </summary>
public readonly record struct AlignmentResult(int Lag, double Correlation, int OverlapSamples);
