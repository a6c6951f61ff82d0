namespace InfoRadio.Controller.Demo;

/// <summary>The enrollment token <c>--demo</c> accepts (beside any configured). Published: never use it outside a demo.</summary>
public static class DemoEnrollment
{
    public const string Token = "demo-enrollment-token-000000";
}
