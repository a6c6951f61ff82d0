namespace InfoRadio.Controller.Api;

/// <summary>Limits of an emergency request.</summary>
public static class EmergencyRequests
{
    public const int MaxTextLength = 5000;
}
