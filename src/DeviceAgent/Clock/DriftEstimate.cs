namespace InfoRadio.DeviceAgent.Clock;

/// <summary>The drift of the clock model in use (ppm), its standard uncertainty, and whether the estimator calls it converged.</summary>
internal readonly record struct DriftEstimate(double DriftPpm, double UncertaintyPpm, bool Converged);
