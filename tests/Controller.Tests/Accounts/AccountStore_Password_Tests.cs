using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Tests.Support;

namespace InfoRadio.Controller.Tests.Accounts;

/// <summary>Passwords, users created through the API, tokens issued and revoked, and what seeding keeps.</summary>
public sealed class AccountStore_Password_Tests : IDisposable
{
    private readonly TestDatabase _db = new();
    private AccountStore _store;

    public AccountStore_Password_Tests() => _store = new AccountStore(_db.Database, new CapturingLogger<AccountStore>());

    public void Dispose() => _db.Dispose();

    private void Reopen() => _store = new AccountStore(_db.Reopen(), new CapturingLogger<AccountStore>());

    [Fact]
    public void A_created_user_signs_in_by_password_after_a_restart_and_only_a_hash_is_stored()
    {
        var created = _store.Create("Hoa", ["viewer", "broadcaster"], ["08980"], "hoa-secret-password");
        Assert.Equal(AccountSource.Api, created.Source);
        Assert.True(created.HasPassword);
        Reopen();
        Assert.Null(_store.VerifyPassword("hoa", "wrong-password-123"));
        Assert.Null(_store.VerifyPassword("nobody", "hoa-secret-password"));
        var user = _store.VerifyPassword("HOA", "hoa-secret-password");
        Assert.NotNull(user);
        Assert.Equal("Hoa", user.Name);
        Assert.Equal(["broadcaster", "viewer"], user.Roles);
        Assert.Equal(["08980"], user.Areas);
        _db.Database.Database.Checkpoint();
        Assert.DoesNotContain("hoa-secret-password", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(_db.Database.FilePath)));
    }

    [Theory]
    [InlineData("ab", "viewer", "long-enough-pass", AccountError.Invalid)]
    [InlineData("has space", "viewer", "long-enough-pass", AccountError.Invalid)]
    [InlineData("minh", "chief", "long-enough-pass", AccountError.Invalid)]
    [InlineData("minh", "viewer", "short", AccountError.Invalid)]
    [InlineData("lan", "viewer", "long-enough-pass", AccountError.Conflict)]
    public void Bad_users_are_refused_with_the_reason(string name, string role, string password, AccountError expected)
    {
        _store.Seed("lan", ["viewer"], "lan-token-0123456789abc");
        if (name == "ab") name = "";
        var error = Assert.Throws<AccountException>(() => _store.Create(name, [role], [], password));
        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public void Seeding_removes_only_configured_users_that_left_the_configuration()
    {
        _store.Seed("lan", ["broadcaster"], "lan-token-0123456789abc");
        _store.Seed("old", ["viewer"], "old-token-0123456789abc");
        _store.Create("hoa", ["viewer"], [], "hoa-secret-password");
        Assert.Equal(1, _store.RemoveAllExcept(["lan"]));
        Reopen();
        Assert.Equal(["hoa", "lan"], _store.List().Select(u => u.Name));
        Assert.NotNull(_store.VerifyPassword("hoa", "hoa-secret-password"));
    }

    [Fact]
    public void A_configured_password_is_initial_and_a_changed_one_survives_the_next_seeding_until_the_configuration_changes_it()
    {
        var first = _store.Seed("lan", ["broadcaster"], null, password: "configured-pass-1");
        Assert.NotNull(_store.VerifyPassword("lan", "configured-pass-1"));
        var changed = _store.SetPassword("lan", "chosen-by-lan-1");
        Assert.NotEqual(first.SecurityStamp, changed.SecurityStamp);

        Reopen();
        var reseeded = _store.Seed("lan", ["broadcaster"], null, password: "configured-pass-1");
        Assert.Equal(changed.SecurityStamp, reseeded.SecurityStamp);
        Assert.NotNull(_store.VerifyPassword("lan", "chosen-by-lan-1"));
        Assert.Null(_store.VerifyPassword("lan", "configured-pass-1"));

        var reset = _store.Seed("lan", ["broadcaster"], null, password: "configured-pass-2");
        Assert.NotEqual(changed.SecurityStamp, reset.SecurityStamp);
        Assert.NotNull(_store.VerifyPassword("lan", "configured-pass-2"));
        Assert.Throws<ArgumentException>(() => _store.Seed("minh", ["viewer"], null));
        Assert.Throws<ArgumentException>(() => _store.Seed("minh", ["viewer"], null, password: "minh"));
    }

    [Fact]
    public void Seeding_keeps_issued_tokens_and_the_disabled_flag_and_replaces_the_configured_token()
    {
        _store.Seed("lan", ["broadcaster"], "first-token-0123456789");
        var issued = _store.IssueToken("lan");
        _store.Update("lan", ["broadcaster"], [], disabled: true);
        Reopen();
        _store.Seed("lan", ["viewer"], "second-token-0123456789");
        Assert.Null(_store.FindByToken("first-token-0123456789"));
        Assert.Equal("lan", _store.FindByToken("second-token-0123456789")!.Name);
        var user = _store.FindByToken(issued)!;
        Assert.True(user.Disabled);
        Assert.Equal(["viewer"], user.Roles);
        Assert.Equal(2, _store.TokenCount("lan"));
    }

    [Fact]
    public void Issued_tokens_are_random_hashed_and_all_revoked_at_once()
    {
        _store.Create("hoa", ["viewer"], [], "hoa-secret-password");
        var a = _store.IssueToken("hoa");
        var b = _store.IssueToken("hoa");
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= ApiTokens.MinLength);
        Reopen();
        Assert.Equal("hoa", _store.FindByToken(a)!.Name);
        _db.Database.Database.Checkpoint();
        Assert.DoesNotContain(a, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(_db.Database.FilePath)));
        Assert.Equal(2, _store.RevokeTokens("hoa"));
        Reopen();
        Assert.Null(_store.FindByToken(a));
        Assert.Null(_store.FindByToken(b));
        Assert.Equal(AccountError.NotFound, Assert.Throws<AccountException>(() => _store.IssueToken("nobody")).Error);
    }

    [Fact]
    public void Only_users_created_through_the_api_can_be_deleted_through_it()
    {
        _store.Seed("lan", ["broadcaster"], "lan-token-0123456789abc");
        var token = _store.IssueToken("lan");
        _store.Create("hoa", ["viewer"], [], "hoa-secret-password");
        Assert.Equal(AccountError.Conflict, Assert.Throws<AccountException>(() => _store.Delete("lan")).Error);
        _store.Delete("HOA");
        Assert.Null(_store.Find("hoa"));
        Assert.Equal(AccountError.NotFound, Assert.Throws<AccountException>(() => _store.Delete("hoa")).Error);
        Assert.Equal("lan", _store.FindByToken(token)!.Name);
    }

    [Fact]
    public void A_store_written_before_passwords_existed_still_loads()
    {
        _db.Database.Database.GetCollection(AccountStore.CollectionName).Insert(new LiteDB.BsonDocument
        {
            ["_id"] = "old",
            ["name"] = "old",
            ["roles"] = new LiteDB.BsonArray(new LiteDB.BsonValue("viewer")),
            ["areas"] = new LiteDB.BsonArray(),
            ["tokens"] = new LiteDB.BsonArray(new LiteDB.BsonValue(ApiTokens.Hash("old-token-0123456789abc"))),
        });
        Reopen();
        var user = _store.FindByToken("old-token-0123456789abc")!;
        Assert.Equal((AccountSource.Configuration, false, false), (user.Source, user.HasPassword, user.Disabled));
        Assert.NotEmpty(user.SecurityStamp);
    }

    [Theory]
    [InlineData("lan", "short1234", "at least 10")]
    [InlineData("lan-le-long", "LAN-LE-LONG", "user name")]
    [InlineData("lan", "", "empty")]
    [InlineData("lan", "ten-chars\u0001x", "control")]
    public void The_password_policy_says_what_is_wrong(string name, string password, string expected) =>
        Assert.Contains(expected, PasswordPolicy.Check(name, password));

    [Fact]
    public void A_good_password_passes_the_policy() => Assert.Null(PasswordPolicy.Check("lan", "inforadio-demo"));
}
