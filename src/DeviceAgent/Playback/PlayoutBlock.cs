namespace InfoRadio.DeviceAgent.Playback;

/// <summary>
/// One block the playout wrote: sink samples <c>SinkIndex … SinkIndex + SinkSamples − 1</c> of the current take
/// carry stream samples <c>StreamPosition … StreamPosition + StreamSamples − 1</c>, stretched linearly (one more
/// or one fewer stream sample than sink samples is a drift correction; 0 stream samples is inserted silence).
/// For tests and simulations that check where each sample went.
/// </summary>
internal readonly record struct PlayoutBlock(long SinkIndex, int SinkSamples, ulong StreamPosition, int StreamSamples);
