using Microsoft.OpenApi;

namespace InfoRadio.Controller.Hosting;

/// <summary>The OpenAPI document of the REST API, generated from the endpoints at run time and served at <see cref="DocumentRoute"/>.</summary>
public static class OpenApiServiceCollectionExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static IServiceCollection AddInfoRadioOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "InfoRadio controller API",
                Version = DocumentName,
                Description = "REST API of the InfoRadio controller. Sign in with POST /api/session (session cookie; unsafe " +
                    "requests then need the header 'X-Requested-With: InfoRadio') or send 'Authorization: Bearer <token>'. " +
                    "Errors are RFC 9457 problem documents.",
            };
            return Task.CompletedTask;
        }));

    /// <summary>Serves the document anonymously: it describes the API, not the installation.</summary>
    public static IEndpointConventionBuilder MapInfoRadioOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
}
