namespace InfoRadio.Controller.Api;

/// <summary>Every endpoint of the broadcast calendar, all behind bearer-token authentication.</summary>
public static class SchedulingApis
{
    public static IEndpointRouteBuilder MapSchedulingApis(this IEndpointRouteBuilder app)
    {
        app.MapMediaApi();
        app.MapAreasApi();
        app.MapZonesApi();
        app.MapProgramsApi();
        app.MapApprovalsApi();
        app.MapSchedulesApi();
        app.MapAiringsApi();
        app.MapWeekCalendarApi();
        return app;
    }
}
