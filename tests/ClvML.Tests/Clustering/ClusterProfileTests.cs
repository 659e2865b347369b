using ClvML.Clustering;

namespace ClvML.Tests.Clustering;

public sealed class ClusterProfileTests
{
    [Fact]
    public void Profiles_add_up_and_labels_describe_value_and_activity()
    {
        // Cluster 0: two recent repeat buyers with most of the revenue; cluster 1: three lapsed one-timers;
        // cluster 2: one recent one-timer who just arrived.
        var values = new CustomerValues(
            RecencyDays: [5, 15, 300, 320, 340, 2],
            Purchases: [10, 6, 1, 1, 1, 1],
            Frequency: [9, 5, 0, 0, 0, 0],
            MonetaryValue: [50, 40, 0, 0, 0, 0],
            TenureDays: [400, 380, 350, 360, 370, 2],
            Revenue: [500, 240, 20, 30, 10, 25]);
        int[] clusters = [0, 0, 1, 1, 1, 2];
        var extra = new Dictionary<string, double[]> { ["p_alive"] = [0.9, 0.8, 0.1, 0.2, 0.3, 0.95] };
        var profiles = ClusterProfile.Build(values, clusters, 3, extra);

        Assert.Equal([2, 3, 1], profiles.Select(p => p.Customers));
        Assert.Equal(1.0, profiles.Sum(p => p.CustomerShare), 1e-12);
        Assert.Equal(1.0, profiles.Sum(p => p.RevenueShare), 1e-12);
        Assert.Equal(740.0 / 825.0, profiles[0].RevenueShare, 1e-12);
        Assert.Equal(new Centre(10, 10), profiles[0].RecencyDays);
        Assert.Equal(new Centre(320, 320), profiles[1].RecencyDays);
        Assert.Equal(new Centre(7, 7), profiles[0].Frequency);
        Assert.Equal(0.85, profiles[0].ExtraMeans["p_alive"], 1e-12);
        Assert.Equal(0.2, profiles[1].ExtraMeans["p_alive"], 1e-12);
        // Overall median days since last purchase: (15 + 300)/2 = 157.5; overall median tenure (360 + 370)/2 = 365.
        Assert.Equal("high value, active", profiles[0].Label);
        Assert.Equal("lapsed one-timers", profiles[1].Label);
        Assert.Equal("new one-timers", profiles[2].Label);
    }

    [Fact]
    public void Equal_labels_are_told_apart_by_the_most_different_mean_then_numbered()
    {
        // Two cohorts of one-timers: tenure differs by 40/250 = 16%, recency by 10/310 = 3%, so tenure names them.
        var values = new CustomerValues([300, 310, 305], [1, 1, 1], [0, 0, 0], [0, 0, 0], [250, 210, 250], [5, 5, 5]);
        var cohorts = ClusterProfile.Build(values, [0, 1, 0], 2);
        Assert.Equal(["cooling one-timers, joined earlier", "cooling one-timers, joined later"], cohorts.Select(p => p.Label));
        // Three clusters differing only in days since the last purchase: lowest, highest, middle.
        var recency = new CustomerValues([300, 310, 305], [1, 1, 1], [0, 0, 0], [0, 0, 0], [400, 400, 400], [5, 5, 5]);
        var three = ClusterProfile.Build(recency, [0, 1, 2], 3);
        Assert.Equal(["cooling one-timers, more recent", "cooling one-timers, less recent", "cooling one-timers, mid recency"], three.Select(p => p.Label));
        // Identical profiles cannot be told apart: numbered.
        var same = new CustomerValues([300, 300], [1, 1], [0, 0], [0, 0], [400, 400], [5, 5]);
        Assert.Equal(["cooling one-timers", "cooling one-timers (2)"], ClusterProfile.Build(same, [0, 1], 2).Select(p => p.Label));
    }
}
