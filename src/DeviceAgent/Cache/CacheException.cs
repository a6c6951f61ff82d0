namespace InfoRadio.DeviceAgent.Cache;

/// <summary>The cache cannot take a file (size limit, full disk, unreadable folder); the message says why.</summary>
public sealed class CacheException(string message, Exception? inner = null) : Exception(message, inner);
