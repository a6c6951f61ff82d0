using System.Threading.Channels;
using InfoRadio.Controller.Audio;
using InfoRadio.Protocol.Audio;

namespace InfoRadio.Controller.Broadcasting;

/// <summary>
/// Decodes and encodes a program into its packets on a background task, staying at most a bounded number of packets
/// ahead of whoever takes them (the real-time streamer): memory does not grow with the program's length and the first
/// packet is ready as soon as its 100 ms are encoded. The packets are the ones <see cref="BroadcastEncoding.EncodeAll"/>
/// gives for the same samples. When the source fails midway the stream still ends with an End packet at the last
/// sample encoded, and <see cref="Failure"/> says why.
/// </summary>
public sealed class EncodeAheadPipeline : IAsyncDisposable
{
    private const int ReadSamples = 4_800;

    private readonly Channel<AudioPacket> _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;
    private long _samplesRead;
    private long _packetsProduced;

    private EncodeAheadPipeline(ProgramAudioReader reader, StreamingOpusEncoder encoder, int capacity, CancellationToken ct)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<AudioPacket>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _producer = Task.Run(() => ProduceAsync(reader, encoder, _stop.Token));
    }

    /// <summary>
    /// Starts encoding <paramref name="reader"/> (which the pipeline then owns) into the packets of stream
    /// <paramref name="streamId"/>, at most <paramref name="capacity"/> packets ahead of the reader of <see cref="Packets"/>.
    /// </summary>
    public static EncodeAheadPipeline Start(ProgramAudioReader reader, OpusEncoderSettings settings, uint streamId,
        int framesPerPacket, int capacity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        StreamingOpusEncoder encoder;
        try
        {
            encoder = new StreamingOpusEncoder(settings, streamId, framesPerPacket);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        return new EncodeAheadPipeline(reader, encoder, capacity, ct);
    }

    /// <summary>The packets in order; the last carries End. Completes after it (or, when cancelled, early).</summary>
    public ChannelReader<AudioPacket> Packets => _channel.Reader;

    /// <summary>Most packets waiting in the pipeline; the encoder holds back one more so the last can carry End.</summary>
    public int Capacity { get; }

    /// <summary>Samples taken from the source so far.</summary>
    public long SamplesRead => Interlocked.Read(ref _samplesRead);

    /// <summary>Packets handed to <see cref="Packets"/> so far.</summary>
    public long PacketsProduced => Interlocked.Read(ref _packetsProduced);

    /// <summary>Why the source ended early; null while it has not (read it once <see cref="Packets"/> has completed).</summary>
    public AudioFormatException? Failure { get; private set; }

    private async Task ProduceAsync(ProgramAudioReader reader, StreamingOpusEncoder encoder, CancellationToken ct)
    {
        AudioPacket? held = null;
        // A reader fed by a real-time source may be waiting for it: stopping the pipeline must wake it.
        using var wake = ct.Register(reader.Cancel);
        try
        {
            var buffer = new float[ReadSamples];
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                int n;
                try
                {
                    n = reader.Read(buffer);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Whatever broke the source, the speakers still get End where the audio stopped.
                    Failure = e as AudioFormatException
                              ?? new AudioFormatException($"the audio could not be read: {e.GetType().Name}: {e.Message}", e);
                    break;
                }
                if (n == 0) break;
                Interlocked.Add(ref _samplesRead, n);
                foreach (var packet in encoder.Write(buffer.AsSpan(0, n)))
                {
                    // A full packet waits for the next one, so that the very last can carry End as EncodeAll's does.
                    if (held is not null) await HandOverAsync(held, ct);
                    held = packet;
                }
            }
            var last = encoder.Complete();
            if (held is not null && last is [{ Frames.Count: 0 } end])
            {
                await HandOverAsync(held with { Flags = held.Flags | end.Flags }, ct);
            }
            else
            {
                if (held is not null) await HandOverAsync(held, ct);
                foreach (var packet in last) await HandOverAsync(packet, ct);
            }
            _channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _channel.Writer.TryComplete(e);
        }
        finally
        {
            encoder.Dispose();
            reader.Dispose();
        }
    }

    private async ValueTask HandOverAsync(AudioPacket packet, CancellationToken ct)
    {
        await _channel.Writer.WriteAsync(packet, ct);
        Interlocked.Increment(ref _packetsProduced);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _producer;
        _stop.Dispose();
    }
}
