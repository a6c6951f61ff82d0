namespace InfoRadio.Controller.Scheduling;

public enum TargetKind
{
    Device,
    Zone,
    Area,
}
