using InfoRadio.Controller.Broadcasting;

namespace InfoRadio.Controller.Tests.Broadcasting;

public sealed class BroadcastTargets_Tests
{
    [Fact]
    public void All_devices_is_one_retained_zone_message()
    {
        Assert.Equal(["inforadio/v1/zones/all/desired"], BroadcastTargets.All.DesiredTopics());
    }

    [Fact]
    public void Listed_devices_get_one_desired_topic_each_without_duplicates()
    {
        var targets = BroadcastTargets.Devices(["a", "b", "a"]);
        Assert.Equal(["inforadio/v1/devices/a/desired", "inforadio/v1/devices/b/desired"], targets.DesiredTopics());
    }
}
