using InfoRadio.Protocol.Messages;

namespace InfoRadio.Controller.Messaging;

/// <summary>Receives every valid enrollment request, on the bus's receive loop (see <see cref="ControllerBus.EnrollmentHandler"/>).</summary>
public interface IEnrollmentRequestHandler
{
    /// <param name="serial">The canonical serial named by the topic (the broker's ACL ties it to the session).</param>
    Task OnEnrollmentRequestAsync(string serial, EnrollmentRequest request);
}
