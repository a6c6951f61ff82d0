using System.Security.Cryptography;
using InfoRadio.Controller.Audio;
using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Scheduling.Storage;
using InfoRadio.Controller.Storage;
using InfoRadio.Protocol;
using LiteDB;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Media;

/// <summary>
/// The media library: uploaded audio kept as files under <c>{DataDir}/media</c> with their metadata in LiteDB, and
/// playlists of them. An upload is stored only once it decodes in full, so everything here can air. It is the
/// <see cref="IMediaAudioSource"/> the scheduler airs from: a playlist id loads as its items played back to back.
/// Thread-safe.
/// </summary>
public sealed partial class MediaLibrary : IMediaAudioSource
{
    public const string ItemsCollection = "media";
    public const string PlaylistsCollection = "playlists";
    public const string FolderName = "media";
    public const int MaxTitleLength = 200;

    private readonly ILiteCollection<BsonDocument> _items;
    private readonly ILiteCollection<BsonDocument> _playlists;
    private readonly AudioFileDecoder _decoder;
    private readonly TimeProvider _time;
    private readonly MediaOptions _options;
    private readonly ILogger<MediaLibrary> _logger;
    private readonly Lock _gate = new();

    public MediaLibrary(ControllerDatabase database, IOptions<StorageOptions> storage, IOptions<MediaOptions> options,
        AudioFileDecoder decoder, TimeProvider time, ILogger<MediaLibrary> logger)
    {
        _items = database.Database.GetCollection(ItemsCollection);
        _playlists = database.Database.GetCollection(PlaylistsCollection);
        _decoder = decoder;
        _time = time;
        _options = options.Value;
        _logger = logger;
        Folder = Path.Combine(Path.GetFullPath(storage.Value.DataDir), FolderName);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public long MaxSamples => (long)_options.MaxDurationMinutes * 60 * DecodedAudio.SampleRate;

    public IReadOnlyList<MediaItem> List()
    {
        lock (_gate) return Read(_items.FindAll(), MediaDocuments.Item).OrderBy(m => m.UploadedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray();
    }

    public MediaItem? Find(string id)
    {
        lock (_gate) return _items.FindById(id) is { } doc ? Read([doc], MediaDocuments.Item).FirstOrDefault() : null;
    }

    /// <summary>
    /// Stores an upload once it has decoded in full. Throws <see cref="AudioFormatException"/> (nothing is kept) when
    /// it is larger than allowed, not WAV or MP3, corrupt, or longer than allowed.
    /// </summary>
    public async Task<MediaItem> UploadAsync(Stream content, string fileName, string? title, string uploader, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            var name = Path.GetFileNameWithoutExtension(fileName).Trim();
            title = name.Length == 0 || CheckTitle(name) is not null ? "Untitled" : name;
        }
        title = title.Trim();
        if (CheckTitle(title) is { } bad) throw new ArgumentException(bad, nameof(title));
        var id = "m" + Guid.NewGuid().ToString("N")[..15];
        var temp = Path.Combine(Folder, $".upload-{id}");
        try
        {
            var (size, sha) = await CopyAsync(content, temp, ct);
            string kind;
            DecodedAudio audio;
            await using (var file = File.OpenRead(temp))
            {
                kind = AudioContentSniffer.Sniff(file).Kind == AudioFileKind.Mpeg ? "mp3" : "wav";
                audio = await Task.Run(() => _decoder.Decode(file, MaxSamples), ct);
            }
            var item = new MediaItem(id, title, $"{id}.{kind}", kind, audio.SourceFormat, audio.Samples.Length, size, sha, _time.GetUtcNow(), uploader);
            File.Move(temp, Path.Combine(Folder, item.FileName));
            lock (_gate) _items.Insert(MediaDocuments.From(item));
            LogUploaded(id, title, item.Duration.TotalSeconds, size, uploader);
            return item;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes an item no playlist and no program uses (<paramref name="usedBy"/> lists the programs that do).
    /// False when there is no such item; <see cref="CatalogConflictException"/> when it is in use.
    /// </summary>
    public bool Delete(string id, Func<string, IReadOnlyList<string>> usedBy)
    {
        MediaItem item;
        lock (_gate)
        {
            if (Find(id) is not { } found) return false;
            var lists = Read(_playlists.FindAll(), MediaDocuments.Playlist).Where(p => p.Items.Contains(id)).Select(p => p.Id).ToArray();
            if (lists.Length > 0) throw new CatalogConflictException($"media '{id}' is in playlists {string.Join(", ", lists)}");
            if (usedBy(id) is { Count: > 0 } programs) throw new CatalogConflictException($"media '{id}' is used by programs {string.Join(", ", programs)}");
            _items.Delete(id);
            item = found;
        }
        TryDeleteFile(Path.Combine(Folder, item.FileName));
        LogDeleted(id);
        return true;
    }

    public IReadOnlyList<MediaPlaylist> Playlists()
    {
        lock (_gate) return Read(_playlists.FindAll(), MediaDocuments.Playlist).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
    }

    public MediaPlaylist? FindPlaylist(string id)
    {
        lock (_gate) return _playlists.FindById(id) is { } doc ? Read([doc], MediaDocuments.Playlist).FirstOrDefault() : null;
    }

    /// <summary>Adds a playlist of existing items. Throws <see cref="SchedulingException"/> when invalid, <see cref="CatalogConflictException"/> when the id is taken.</summary>
    public MediaPlaylist CreatePlaylist(string? id, string title, IReadOnlyList<string> items, string author)
    {
        id ??= "p" + Guid.NewGuid().ToString("N")[..15];
        if (Identifiers.Check(id, "playlist id") is { } badId) throw new SchedulingException(badId);
        if (CheckTitle(title) is { } badTitle) throw new SchedulingException(badTitle);
        if (items.Count == 0) throw new SchedulingException("a playlist needs at least one item");
        if (items.Count > _options.MaxPlaylistItems) throw new SchedulingException($"a playlist holds at most {_options.MaxPlaylistItems} items");
        var playlist = new MediaPlaylist(id, title.Trim(), items.ToArray(), author, _time.GetUtcNow());
        lock (_gate)
        {
            if (_playlists.FindById(id) is not null || _items.FindById(id) is not null) throw new CatalogConflictException($"the id '{id}' is already taken in the media library");
            if (items.FirstOrDefault(i => _items.FindById(i) is null) is { } missing) throw new SchedulingException($"no media item with id '{missing}'");
            _playlists.Insert(MediaDocuments.From(playlist));
        }
        LogPlaylist(id, "created");
        return playlist;
    }

    /// <summary>Deletes a playlist no program uses; false when there is none.</summary>
    public bool DeletePlaylist(string id, Func<string, IReadOnlyList<string>> usedBy)
    {
        lock (_gate)
        {
            if (_playlists.FindById(id) is null) return false;
            if (usedBy(id) is { Count: > 0 } programs) throw new CatalogConflictException($"playlist '{id}' is used by programs {string.Join(", ", programs)}");
            _playlists.Delete(id);
        }
        LogPlaylist(id, "deleted");
        return true;
    }

    /// <summary>How long an item or a playlist (the sum of its items) plays; null when the id is neither.</summary>
    public TimeSpan? DurationOf(string id)
    {
        if (Find(id) is { } item) return item.Duration;
        if (FindPlaylist(id) is not { } list) return null;
        var samples = 0L;
        foreach (var i in list.Items) samples += Find(i)?.SampleCount ?? 0;
        return TimeSpan.FromSeconds(samples / (double)DecodedAudio.SampleRate);
    }

    /// <summary>
    /// An item, or a playlist's items back to back, decoded whole into memory: the reference the streamed
    /// <see cref="TryOpen"/> is checked against. Airing never calls it (a long item would need gigabytes).
    /// </summary>
    public DecodedAudio? TryLoad(string mediaId)
    {
        if (Find(mediaId) is { } item) return Decode(item);
        if (FindPlaylist(mediaId) is not { } list) return null;
        var parts = list.Items.Select(i => Find(i) ?? throw new AudioFormatException($"playlist '{list.Id}' names media '{i}', which is gone")).Select(Decode).ToArray();
        return DecodedAudio.Concatenate(parts, $"playlist of {parts.Length} items");
    }

    /// <summary>
    /// An item's file, or a playlist's files one after another, decoded while they air (nothing is decoded here); the
    /// lengths are the ones stored at upload. Throws <see cref="AudioFormatException"/> when a file is gone.
    /// </summary>
    public ProgramAudio? TryOpen(string mediaId)
    {
        if (Find(mediaId) is { } item) return Stream(item);
        if (FindPlaylist(mediaId) is not { } list) return null;
        var parts = list.Items.Select(i => Find(i) ?? throw new AudioFormatException($"playlist '{list.Id}' names media '{i}', which is gone")).Select(Stream).ToArray();
        return ProgramAudio.Sequence(parts, $"playlist of {parts.Length} items");
    }

    public static string? CheckTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return "the title is empty";
        if (title.Length > MaxTitleLength) return $"the title is longer than {MaxTitleLength} characters";
        if (title.Any(char.IsControl)) return "the title contains control characters";
        return null;
    }

    private FileProgramAudio Stream(MediaItem item)
    {
        var path = Path.Combine(Folder, item.FileName);
        if (!File.Exists(path)) throw new AudioFormatException($"the file of media '{item.Id}' is missing");
        return new FileProgramAudio(path, item.SampleCount, item.SourceFormat, _decoder);
    }

    private DecodedAudio Decode(MediaItem item)
    {
        var path = Path.Combine(Folder, item.FileName);
        try
        {
            using var file = File.OpenRead(path);
            return _decoder.Decode(file, MaxSamples);
        }
        catch (IOException e)
        {
            throw new AudioFormatException($"the file of media '{item.Id}' cannot be read: {e.Message}", e);
        }
    }

    private async Task<(long Size, string Sha256)> CopyAsync(Stream content, string path, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, useAsync: true);
        var buffer = new byte[81_920];
        long size = 0;
        int n;
        while ((n = await content.ReadAsync(buffer, ct)) > 0)
        {
            size += n;
            if (size > _options.MaxUploadBytes) throw new AudioFormatException($"the file is larger than the {_options.MaxUploadBytes} bytes accepted");
            hash.AppendData(buffer, 0, n);
            await output.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        if (size == 0) throw new AudioFormatException("the file is empty");
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private IEnumerable<T> Read<T>(IEnumerable<BsonDocument> docs, Func<BsonDocument, T> map)
    {
        foreach (var doc in docs)
        {
            T value;
            try
            {
                value = map(doc);
            }
            catch (Exception e) when (e is InvalidCastException or NullReferenceException or FormatException)
            {
                LogUnreadable(doc["_id"].ToString(), e.Message);
                continue;
            }
            yield return value;
        }
    }

    private void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            LogFileNotDeleted(path, e.Message);
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Media {MediaId} '{Title}' uploaded: {Seconds:F1} s, {Size} bytes, by {Uploader}")]
    private partial void LogUploaded(string mediaId, string title, double seconds, long size, string uploader);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Media {MediaId} deleted")]
    private partial void LogDeleted(string mediaId);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Playlist {PlaylistId} {What}")]
    private partial void LogPlaylist(string playlistId, string what);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Error, Message = "Skipping unreadable media library record {Id}: {Problem}")]
    private partial void LogUnreadable(string id, string problem);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Could not delete media file {Path}: {Problem}")]
    private partial void LogFileNotDeleted(string path, string problem);
}
