using System.Text.Json.Serialization;
using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Cap;

/// <summary>Where a CAP alert stands in the ledger (in JSON: pending-approval, airing, aired, cancelled, rejected, recorded-only, failed).</summary>
[JsonConverter(typeof(StrictEnumConverter<CapState>))]
public enum CapState
{
    /// <summary>An Actual alert waiting for an approver (POST /api/cap/{id}/approve or /reject).</summary>
    PendingApproval,
    /// <summary>Put on air; its broadcast or emergency is still running.</summary>
    Airing,
    /// <summary>Its broadcast or emergency has ended.</summary>
    Aired,
    /// <summary>Stopped or withdrawn by a later Update or Cancel (see <see cref="CapRecord.CancelledBy"/>).</summary>
    Cancelled,
    /// <summary>An approver refused it.</summary>
    Rejected,
    /// <summary>Kept in the ledger, never aired: not Actual, an Ack/Error/Cancel message, expired, or no device in its area.</summary>
    RecordedOnly,
    /// <summary>Approved or allowed, but it could not be put on air (see <see cref="CapRecord.Verdict"/>).</summary>
    Failed,
}
