using InfoRadio.Controller.Storage;
using LiteDB;

namespace InfoRadio.Controller.Offline;

/// <summary>
/// Every plan item ever published, in the controller's LiteDB, so a device's play events reported hours later (after
/// its link returns, or after a controller restart) are still attributed to their program and slot.
/// </summary>
public sealed class PlanItemBook
{
    private readonly ILiteCollection<PlanItemDocument> _items;

    public PlanItemBook(ControllerDatabase database)
    {
        _items = database.Database.GetCollection<PlanItemDocument>("offline_plan_items");
        _items.EnsureIndex(d => d.SlotStart);
    }

    public PlanItemDocument? Find(string itemId) => _items.FindById(itemId);

    /// <summary>Records (or refreshes) published items.</summary>
    public void Record(IEnumerable<PlanItemDocument> items)
    {
        foreach (var item in items) _items.Upsert(item);
    }

    /// <summary>Forgets items whose slot started before <paramref name="before"/>; returns how many.</summary>
    public int Prune(DateTimeOffset before)
    {
        var limit = before.UtcDateTime;
        return _items.DeleteMany(d => d.SlotStart < limit);
    }
}
