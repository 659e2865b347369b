using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>The line-aligned state store keeps every state through growth and refuses indices outside it.</summary>
public sealed class CustomerStateArrayTests
{
    [Fact]
    public void States_survive_growth_and_new_states_start_empty()
    {
        var states = new CustomerStateArray(3);
        for (var c = 0; c < 3; c++) states[c] = new CustomerState { CalibrationSpend = c + 0.5, LastDay = c, CalibrationOrders = 10 * c };
        states.Resize(1000);
        states.Resize(5000);
        Assert.Equal(5000, states.Capacity);
        var view = states.AsSpan(1000);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(c + 0.5, view[c].CalibrationSpend);
            Assert.Equal(c, view[c].LastDay);
            Assert.Equal(10 * c, states[c].CalibrationOrders);
        }
        Assert.Equal(default, states[4999]);
        Assert.Throws<ArgumentOutOfRangeException>(() => states[5000].LastDay);
        Assert.Throws<ArgumentOutOfRangeException>(() => states[-1].LastDay);
    }
}
