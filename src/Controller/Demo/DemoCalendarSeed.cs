using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Demo;

/// <summary>
/// For <c>--demo</c> (its users are <see cref="DemoUsers"/>): a small administrative tree (one province, district
/// and commune, three villages) and a zone; <see cref="DemoSpeakers"/> places its speakers in those villages. Codes
/// follow the official format but the tree is a sample.
/// </summary>
public sealed class DemoCalendarSeed(TargetDirectory directory) : IHostedService
{
    public const string CommuneCode = "08980";
    public const string CentreZone = "trung-tam";

    public static readonly IReadOnlyList<string> Villages = ["0898001", "0898002", "0898003"];

    /// <summary>The village a demo speaker stands in, and whether it is in the commune-centre zone.</summary>
    public static (string Village, bool Centre) PlacementOf(int speakerIndex) =>
        (Villages[(speakerIndex - 1) % Villages.Count], speakerIndex <= 2);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        directory.ImportAreas(
        [
            new("01", "Thành phố Hà Nội", AdministrativeLevel.Province),
            new("250", "Huyện Mê Linh", AdministrativeLevel.District, "01"),
            new(CommuneCode, "Xã Tiền Phong", AdministrativeLevel.Commune, "250"),
            new(Villages[0], "Thôn Đông", AdministrativeLevel.Village, CommuneCode),
            new(Villages[1], "Thôn Tây", AdministrativeLevel.Village, CommuneCode),
            new(Villages[2], "Thôn Nam", AdministrativeLevel.Village, CommuneCode),
        ]);
        directory.PutZone(new Zone(CentreZone, "Trung tâm xã"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
