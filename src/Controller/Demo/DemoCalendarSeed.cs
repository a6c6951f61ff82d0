using InfoRadio.Controller.Scheduling;
using InfoRadio.Controller.Targets;

namespace InfoRadio.Controller.Demo;

/// <summary>
/// For <c>--demo</c> (its users are <see cref="DemoUsers"/>): a small administrative tree (one province, one district,
/// two communes: Tiền Phong with three villages, Hòa Bình with one) and a zone; <see cref="DemoSpeakers"/> places its
/// speakers in those villages, so that the commune-limited demo broadcasters each have speakers of their own. Codes
/// follow the official format but the tree is a sample.
/// </summary>
public sealed class DemoCalendarSeed(TargetDirectory directory) : IHostedService
{
    public const string CommuneCode = "08980";
    public const string SecondCommuneCode = "08983";
    public const string CentreZone = "trung-tam";

    /// <summary>The villages of <see cref="CommuneCode"/>.</summary>
    public static readonly IReadOnlyList<string> Villages = ["0898001", "0898002", "0898003"];

    /// <summary>The villages of <see cref="SecondCommuneCode"/>.</summary>
    public static readonly IReadOnlyList<string> SecondCommuneVillages = ["0898301"];

    /// <summary>Where speakers go in turn: the first commune's three villages, then the second commune's village.</summary>
    private static readonly IReadOnlyList<string> Rotation = [.. Villages, .. SecondCommuneVillages];

    /// <summary>
    /// The village a demo speaker stands in, and whether it is in the commune-centre zone (of Tiền Phong). With the
    /// default four speakers, three stand in Tiền Phong (one per village) and one in Hòa Bình.
    /// </summary>
    public static (string Village, bool Centre) PlacementOf(int speakerIndex) =>
        (Rotation[(speakerIndex - 1) % Rotation.Count], speakerIndex <= 2);

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
            new(SecondCommuneCode, "Xã Hòa Bình", AdministrativeLevel.Commune, "250"),
            new(SecondCommuneVillages[0], "Thôn Bắc", AdministrativeLevel.Village, SecondCommuneCode),
        ]);
        directory.PutZone(new Zone(CentreZone, "Trung tâm xã"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
