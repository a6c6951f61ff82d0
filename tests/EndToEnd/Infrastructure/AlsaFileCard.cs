using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace InfoRadio.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A capture card without hardware: an ALSA configuration (for ALSA_CONFIG_PATH) whose PCM <see cref="PcmName"/> is a
/// <c>file</c> plugin reading its input from a FIFO, so arecord really captures through ALSA what this class writes.
/// The null slave does not pace, so the writer does: 20 ms of 16-bit 48 kHz mono per 20 ms of wall clock, queued audio
/// first, silence otherwise (arecord reads one period of 960 frames at a time, one write each).
/// </summary>
public sealed class AlsaFileCard : IDisposable
{
    public const string PcmName = "inforadio_test_card";
    private const int ChunkSamples = 960;

    private readonly ConcurrentQueue<float[]> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _writer;
    private volatile bool _opened;

    public AlsaFileCard(string folder)
    {
        Directory.CreateDirectory(folder);
        FifoPath = Path.Combine(folder, "card.fifo");
        ConfigPath = Path.Combine(folder, "asound.conf");
        using (var mkfifo = Process.Start("mkfifo", [FifoPath])) mkfifo.WaitForExit();
        if (!File.Exists(FifoPath)) throw new InvalidOperationException("mkfifo failed");
        File.WriteAllText(ConfigPath, $$"""
            pcm.{{PcmName}} {
              type file
              slave.pcm { type null }
              file "/dev/null"
              infile "{{FifoPath}}"
              format "raw"
            }
            """);
        _writer = new Thread(Write) { IsBackground = true, Name = "alsa-file-card" };
        _writer.Start();
    }

    public string ConfigPath { get; }
    public string FifoPath { get; }

    /// <summary>Chunks written so far (silence included).</summary>
    public long ChunksWritten { get; private set; }

    /// <summary>Plays <paramref name="samples"/> next, then silence again.</summary>
    public void Play(float[] samples)
    {
        for (var i = 0; i < samples.Length; i += ChunkSamples)
            _queue.Enqueue(samples.AsSpan(i, Math.Min(ChunkSamples, samples.Length - i)).ToArray());
    }

    public bool Idle => _queue.IsEmpty;

    private void Write()
    {
        try
        {
            using var fifo = new FileStream(FifoPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0); // waits for arecord
            _opened = true;
            var bytes = new byte[ChunkSamples * 2];
            var clock = Stopwatch.StartNew();
            for (long k = 0; !_stop.IsCancellationRequested; k++)
            {
                var due = TimeSpan.FromMilliseconds(k * 20.0);
                if (due > clock.Elapsed) Thread.Sleep(due - clock.Elapsed);
                Array.Clear(bytes);
                if (_queue.TryDequeue(out var chunk))
                    for (var i = 0; i < chunk.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), LiveClient.ToPcm16(chunk[i]));
                fifo.Write(bytes);
                ChunksWritten = k + 1;
            }
        }
        catch (IOException)
        {
            // arecord went away.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_opened)
        {
            // The writer waits in open() for a reader: be that reader for a moment so it can finish.
            try { using var release = new FileStream(FifoPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0); }
            catch (IOException) { }
        }
        _writer.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
