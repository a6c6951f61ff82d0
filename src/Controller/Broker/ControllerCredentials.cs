using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Broker;

/// <summary>
/// The controller's own MQTT credentials. With the embedded broker a random password per process suffices (only
/// this process needs it); an external broker gets the configured <c>Broker:ControllerPassword</c>.
/// </summary>
public sealed class ControllerCredentials
{
    /// <summary>The controller's MQTT username and client id; reserved, so no device can be called that.</summary>
    public const string Username = "controller";

    private readonly byte[] _passwordBytes;

    public ControllerCredentials(IOptions<BrokerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.ControllerPassword;
        IsConfigured = !string.IsNullOrEmpty(configured);
        Password = IsConfigured ? configured! : Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _passwordBytes = Encoding.UTF8.GetBytes(Password);
    }

    public string Password { get; }

    /// <summary>True when the password came from configuration rather than being generated.</summary>
    public bool IsConfigured { get; }

    /// <summary>Constant-time check of a presented password.</summary>
    public bool Matches(string? password) =>
        password is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _passwordBytes);

    public override string ToString() => $"{Username} / ***";
}
