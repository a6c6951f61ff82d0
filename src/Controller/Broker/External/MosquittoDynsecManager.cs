using System.Text.Json.Nodes;
using System.Threading.Channels;
using InfoRadio.Controller.Devices;
using InfoRadio.DeviceAgent.Link;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Broker.External;

/// <summary>
/// Keeps mosquitto's dynamic-security accounts equal to the registry (<see cref="DynsecAccounts"/>): on start it
/// writes the default access, the shared roles and the controller's account, enables registered devices, disables
/// revoked ones and deletes accounts of devices no longer registered; afterwards every issued secret becomes a
/// client (or its new password), every revocation a disabled client, every removal a deleted one. Changes are
/// applied one at a time in order; a lost admin link is reconnected and everything reconciled again.
/// </summary>
public sealed partial class MosquittoDynsecManager : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    private readonly BrokerOptions _options;
    private readonly DeviceRegistry _registry;
    private readonly ControllerCredentials _credentials;
    private readonly ILogger<MosquittoDynsecManager> _logger;
    private readonly Channel<Change> _changes = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstReconcile = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DynsecAdminLink? _link;
    private Task? _worker;
    private long _applied;
    private long _queued;
    private int _stopped;

    public MosquittoDynsecManager(IOptions<BrokerOptions> options, DeviceRegistry registry, ControllerCredentials credentials,
        ILogger<MosquittoDynsecManager> logger)
    {
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (!_credentials.IsConfigured)
            throw new ArgumentException("Broker:External:Kind=mosquitto-dynsec needs Broker:ControllerPassword", nameof(credentials));
    }

    /// <summary>Registered, unrevoked devices that have no account at mosquitto (their plaintext secret is gone: rotate them).</summary>
    public IReadOnlyList<string> MissingAccounts { get; private set; } = [];

    /// <summary>Registry changes applied at mosquitto so far.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Completes after the first full reconciliation.</summary>
    public Task Reconciled => _firstReconcile.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _registry.SecretIssued += OnSecretIssued;
        _registry.CredentialsRevoked += OnRevoked;
        _worker = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        // The controller's own account must exist before its link connects, but a broker that is down must not keep
        // the controller from starting: its link retries, and so does this.
        await Task.WhenAny(_firstReconcile.Task, Task.Delay(CommandTimeout, cancellationToken)).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _registry.SecretIssued -= OnSecretIssued;
        _registry.CredentialsRevoked -= OnRevoked;
        _changes.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_worker is { } worker) await worker.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_link is { } link) await link.DisposeAsync().ConfigureAwait(false);
        _link = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Completes when every registry change made so far is applied at mosquitto (tests, benchmarks).</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/> (mosquitto unreachable?).</exception>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _queued);
        var deadline = DateTime.UtcNow + timeout;
        await Reconciled.WaitAsync(timeout).ConfigureAwait(false);
        while (Applied < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{target - Applied} registry changes not applied at mosquitto within {timeout.TotalSeconds:0} s");
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private void OnSecretIssued(string id, string secret) => Enqueue(new Change(id, secret));

    private void OnRevoked(string id) => Enqueue(new Change(id, null));

    private void Enqueue(Change change)
    {
        if (_changes.Writer.TryWrite(change)) Interlocked.Increment(ref _queued);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        Change? retry = null;
        var delay = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_link is not { IsConnected: true })
                {
                    if (_link is { } old) await old.DisposeAsync().ConfigureAwait(false);
                    _link = null;
                    var port = _options.Tls.Enabled ? _options.Tls.Port : _options.Port;
                    var tls = _options.Tls.Enabled
                        ? ServerCertificateTrust.Create(_options.Tls.Thumbprint, _options.Tls.CaFile, false)
                            .ToMqttTlsOptions(_options.Tls.TargetHost is { Length: > 0 } host ? host : _options.Host)
                        : null;
                    _link = await DynsecAdminLink.ConnectAsync(_options.Host, port, _options.External.AdminUsername,
                        _options.External.AdminPassword!, tls, stopping).ConfigureAwait(false);
                    await ReconcileAsync(_link, stopping).ConfigureAwait(false);
                    _firstReconcile.TrySetResult();
                    delay = TimeSpan.FromSeconds(1);
                }
                var change = retry ?? await _changes.Reader.ReadAsync(stopping).ConfigureAwait(false);
                retry = change;
                await ApplyAsync(_link, change, stopping).ConfigureAwait(false);
                retry = null;
                Interlocked.Increment(ref _applied);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLinkFailed(ex, _options.Host, delay.TotalSeconds);
                if (_link is { } broken) await broken.DisposeAsync().ConfigureAwait(false);
                _link = null;
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    private async Task ApplyAsync(DynsecAdminLink link, Change change, CancellationToken ct)
    {
        var id = change.DeviceId;
        if (change.Secret is { } secret)
        {
            var role = DynsecAccounts.DeviceRole(id);
            var created = await link.SendAsync(
                [DynsecAccounts.CreateRole(role), DynsecAccounts.CreateClient(id, secret, DynsecAccounts.DeviceMarker, DynsecAccounts.DevicesRoleName, role.Name)],
                CommandTimeout, ct).ConfigureAwait(false);
            if (created[1].Error is not null)
            {
                // An existing account: the new password cuts the connection made with the old one (mosquitto kicks it).
                await Expect(link, [
                    DynsecAccounts.SetClientPassword(id, secret),
                    DynsecAccounts.AddClientRole(id, DynsecAccounts.DevicesRoleName),
                    DynsecAccounts.AddClientRole(id, role.Name),
                ], ct, ignoreErrorsOf: "addClientRole").ConfigureAwait(false);
            }
            await link.SendAsync([_registry.IsRevoked(id) ? DynsecAccounts.DisableClient(id) : DynsecAccounts.EnableClient(id)], CommandTimeout, ct).ConfigureAwait(false);
            LogAccountSet(id);
        }
        else if (_registry.Find(id) is null)
        {
            await link.SendAsync([DynsecAccounts.DeleteClient(id), DynsecAccounts.DeleteRole(DynsecAccounts.DeviceRoleName(id))], CommandTimeout, ct).ConfigureAwait(false);
            LogAccountDeleted(id);
        }
        else if (_registry.IsRevoked(id))
        {
            await Expect(link, [DynsecAccounts.DisableClient(id)], ct).ConfigureAwait(false);
            // mosquitto kicks the disabled account's connection without publishing its Will: nothing else says it is gone.
            _registry.MarkOffline(id);
            LogAccountDisabled(id);
        }
        // Otherwise a rotation or the end of its grace: the new password, set when it was issued, already cut the old connection.
    }

    private async Task ReconcileAsync(DynsecAdminLink link, CancellationToken ct)
    {
        var commands = new List<JsonObject> { DynsecAccounts.SetDefaultAccess() };
        foreach (var role in new[] { DynsecAccounts.ControllerRole, DynsecAccounts.DevicesRole })
        {
            commands.Add(DynsecAccounts.CreateRole(role));
            commands.AddRange(role.Acls.Select(acl => DynsecAccounts.AddRoleAcl(role.Name, acl)));
        }
        await link.SendAsync(commands, CommandTimeout, ct).ConfigureAwait(false);

        var controller = ControllerCredentials.Username;
        var created = await link.SendAsync([DynsecAccounts.CreateClient(controller, _credentials.Password, "inforadio controller", DynsecAccounts.ControllerRoleName)], CommandTimeout, ct).ConfigureAwait(false);
        if (created[0].Error is not null)
            await Expect(link, [DynsecAccounts.SetClientPassword(controller, _credentials.Password), DynsecAccounts.AddClientRole(controller, DynsecAccounts.ControllerRoleName),
                DynsecAccounts.EnableClient(controller)], ct, ignoreErrorsOf: "addClientRole").ConfigureAwait(false);

        var listed = await link.SendAsync([DynsecAccounts.ListClients()], CommandTimeout, ct).ConfigureAwait(false);
        if (listed[0].Error is { } listError) throw new InvalidOperationException($"dynsec listClients failed: {listError}");
        var managed = new HashSet<string>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in listed[0].Data?["clients"] as JsonArray ?? [])
        {
            if (client?["username"]?.GetValue<string>() is not { } name) continue;
            all.Add(name);
            if (client["textname"]?.GetValue<string>() == DynsecAccounts.DeviceMarker) managed.Add(name);
        }
        var sync = new List<JsonObject>();
        var missing = new List<string>();
        var devices = _registry.List();
        foreach (var device in devices)
        {
            sync.Add(DynsecAccounts.CreateRole(DynsecAccounts.DeviceRole(device.Id)));
            var revoked = _registry.IsRevoked(device.Id);
            if (!all.Contains(device.Id))
            {
                if (!revoked) missing.Add(device.Id);
                continue;
            }
            sync.Add(revoked ? DynsecAccounts.DisableClient(device.Id) : DynsecAccounts.EnableClient(device.Id));
        }
        var registered = devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in managed.Where(m => !registered.Contains(m)))
        {
            sync.Add(DynsecAccounts.DeleteClient(stale));
            sync.Add(DynsecAccounts.DeleteRole(DynsecAccounts.DeviceRoleName(stale)));
        }
        await link.SendAsync(sync, CommandTimeout, ct).ConfigureAwait(false);
        MissingAccounts = missing;
        if (missing.Count > 0) LogMissingAccounts(missing.Count, string.Join(", ", missing.Take(20)));
        LogReconciled(devices.Count, managed.Count - managed.Count(registered.Contains));
    }

    private static async Task Expect(DynsecAdminLink link, IReadOnlyList<JsonObject> commands, CancellationToken ct, string? ignoreErrorsOf = null)
    {
        var answers = await link.SendAsync(commands, CommandTimeout, ct).ConfigureAwait(false);
        foreach (var answer in answers)
        {
            if (answer.Error is { } error && answer.Command != ignoreErrorsOf)
                throw new InvalidOperationException($"dynsec {answer.Command} failed: {error}");
        }
    }

    private sealed record Change(string DeviceId, string? Secret);
}
