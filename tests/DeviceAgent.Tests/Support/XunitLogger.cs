using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InfoRadio.DeviceAgent.Tests.Support;

/// <summary>Sends the agent's log to the test's output, so a failing integration test shows what the agent saw.</summary>
internal sealed class XunitLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    public static ILoggerFactory Factory(ITestOutputHelper output) =>
        LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new XunitLoggerProvider(output)));

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; its output is closed.
            }
        }
    }
}
