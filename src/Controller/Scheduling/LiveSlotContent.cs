namespace InfoRadio.Controller.Scheduling;

/// <summary>A reserved slot for a live microphone; nothing to fetch, the slot keeps the air for the presenter.</summary>
public sealed record LiveSlotContent : ProgramContent
{
    public override ProgramKind Kind => ProgramKind.LiveSlot;
    public override string? Validate() => null;
}
