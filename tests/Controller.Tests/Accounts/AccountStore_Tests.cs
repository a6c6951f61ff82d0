using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Storage;
using InfoRadio.Controller.Tests.Support;

namespace InfoRadio.Controller.Tests.Accounts;

public sealed class AccountStore_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private AccountStore _store;

    public AccountStore_Tests() => _store = new AccountStore(_db.Database, new CapturingLogger<AccountStore>());

    public void Dispose() => _db.Dispose();

    private void Reopen() => _store = new AccountStore(_db.Reopen(), new CapturingLogger<AccountStore>());

    [Fact]
    public void A_seeded_token_finds_its_user_after_a_restart_and_is_stored_only_hashed()
    {
        var token = ApiTokens.New();
        _store.Seed("Lan", ["broadcaster", "approver"], token);
        Reopen();
        var user = _store.FindByToken(token);
        Assert.NotNull(user);
        Assert.Equal("Lan", user.Name);
        Assert.Equal(["approver", "broadcaster"], user.Roles);
        Assert.Null(_store.FindByToken(token + "x"));
        _db.Database.Database.Checkpoint();
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(_db.Database.FilePath)));
    }

    [Fact]
    public void Seeding_again_replaces_roles_and_token_and_a_shared_token_is_refused()
    {
        _store.Seed("lan", ["viewer"], "first-token-0123456789");
        _store.Seed("LAN", ["approver"], "second-token-0123456789");
        Assert.Null(_store.FindByToken("first-token-0123456789"));
        Assert.Equal(["approver"], _store.FindByToken("second-token-0123456789")!.Roles);
        Assert.Single(_store.List());
        Assert.Throws<ArgumentException>(() => _store.Seed("minh", ["viewer"], "second-token-0123456789"));
        Assert.Throws<ArgumentException>(() => _store.Seed("minh", ["owner"], "third-token-0123456789"));
        Assert.Throws<ArgumentException>(() => _store.Seed("minh", ["viewer"], "short"));
        Assert.Throws<ArgumentException>(() => _store.Seed("has space", ["viewer"], "third-token-0123456789"));
    }

    [Fact]
    public void Users_no_longer_configured_are_removed_with_their_tokens()
    {
        _store.Seed("lan", ["broadcaster"], "lan-token-0123456789abc");
        _store.Seed("demo-viewer", ["viewer"], "demo-viewer-token-0000000000");
        Assert.Equal(1, _store.RemoveAllExcept(["LAN"]));
        Reopen();
        Assert.Null(_store.FindByToken("demo-viewer-token-0000000000"));
        Assert.Null(_store.Find("demo-viewer"));
        Assert.Equal("lan", _store.FindByToken("lan-token-0123456789abc")!.Name);
    }

    [Theory]
    [InlineData(null, "viewer", "a-long-enough-token-123", "Name")]
    [InlineData("lan", null, "a-long-enough-token-123", "Roles")]
    [InlineData("lan", "chief", "a-long-enough-token-123", "unknown role")]
    [InlineData("lan", "viewer", "short", "Token")]
    [InlineData("lan", "viewer", "a long enough token 123", "printable")]
    public void Configuration_problems_name_the_setting(string? name, string? role, string token, string expected)
    {
        var options = new AccountOptions { Users = [new ConfiguredUser { Name = name, Roles = role is null ? [] : [role], Token = token }] };
        Assert.Contains(expected, options.Validate());
    }
}
