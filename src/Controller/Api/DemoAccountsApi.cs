using InfoRadio.Controller.Accounts;
using InfoRadio.Controller.Demo;
using Microsoft.Extensions.Options;

namespace InfoRadio.Controller.Api;

/// <summary>
/// GET /api/demo/accounts (anonymous): the demo users and their published password, for the sign-in page's one-click
/// buttons. Only while the demo runs (<c>--demo</c>); 404 otherwise, so a real installation never lists anyone.
/// </summary>
public static class DemoAccountsApi
{
    public const string Route = "/api/demo/accounts";

    public sealed record DemoAccountView(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas, string Password);

    public static RouteHandlerBuilder MapDemoAccountsApi(this IEndpointRouteBuilder app) =>
        app.MapGet(Route, (IOptions<DemoOptions> demo, AccountStore store) =>
            {
                if (!demo.Value.Enabled) return ApiProblems.NotFound("the demo is not running (start the controller with --demo)");
                // Roles and areas as stored, so that users seeded with areas show them.
                var users = DemoUsers.All.Select(d => store.Find(d.Name)).OfType<UserAccount>()
                    .Concat(store.List().Where(u => u.Name.StartsWith("demo-", StringComparison.Ordinal) && u.Source == AccountSource.Configuration))
                    .DistinctBy(u => u.Name)
                    .Where(u => u.HasPassword && !u.Disabled)
                    .Select(u => new DemoAccountView(u.Name, u.Roles, u.Areas, DemoUsers.Password));
                return Results.Ok(users.ToArray());
            })
            .WithTags("Demo").AllowAnonymous().Produces<DemoAccountView[]>().ProducesProblem(StatusCodes.Status404NotFound);
}
