using System.Xml;
using System.Xml.Linq;

namespace InfoRadio.Controller.Cap;

/// <summary>
/// Reads CAP 1.2 XML safely: no DTD (so no entity expansion or external entities), no resolver, a size cap, and
/// depth and element-count caps, so a hostile feed costs bounded memory and time. Structural problems (wrong root or
/// namespace, unknown or repeated elements, nested markup in a value) are all collected, not only the first.
/// </summary>
public static class CapParser
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>XML digital signatures may close an alert (CAP 1.2 §3.3.2.1); they are accepted and not verified.</summary>
    public const string SignatureNamespace = "http://www.w3.org/2000/09/xmldsig#";

    public const int DefaultMaxBytes = 1024 * 1024;
    public const int MaxDepth = 12;
    public const int MaxElements = 20_000;

    private static readonly XNamespace Cap = Namespace;

    public sealed record Result(CapAlert? Alert, IReadOnlyList<string> Errors)
    {
        public bool IsOk => Alert is not null && Errors.Count == 0;
    }

    public static Result Parse(byte[] xml, int maxBytes = DefaultMaxBytes)
    {
        if (xml.Length == 0) return Fail("the body is empty: send a CAP 1.2 <alert> document");
        if (xml.Length > maxBytes) return Fail($"the document is {xml.Length} bytes; CAP alerts are limited to {maxBytes} bytes");
        XDocument doc;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxBytes,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            };
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            doc = LoadBounded(reader);
        }
        catch (XmlException e)
        {
            var dtd = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            return Fail(dtd ? "DTDs and entity declarations are not accepted in CAP alerts" : "the body is not well-formed XML: " + e.Message);
        }
        catch (CapLimitException e)
        {
            return Fail(e.Message);
        }

        var root = doc.Root!;
        if (root.Name != Cap + "alert")
            return Fail(root.Name.LocalName == "alert"
                ? $"the <alert> element is in namespace '{root.Name.NamespaceName}', not CAP 1.2's '{Namespace}'"
                : $"the root element is <{root.Name.LocalName}>, not a CAP 1.2 <alert> in namespace '{Namespace}'");

        var errors = new List<string>();
        var alert = ReadAlert(new Reader(root, "alert", errors));
        return new Result(alert, errors);
    }

    private static Result Fail(string error) => new(null, [error]);

    /// <summary>Reads the document while counting elements and depth, refusing before a hostile tree is built.</summary>
    private static XDocument LoadBounded(XmlReader reader)
    {
        var elements = 0;
        var doc = new XDocument();
        XContainer current = doc;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (++elements > MaxElements) throw new CapLimitException($"the document has more than {MaxElements} elements");
                    if (reader.Depth >= MaxDepth) throw new CapLimitException($"the document is nested deeper than {MaxDepth} levels");
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    current.Add(element);
                    if (!reader.IsEmptyElement) current = element;
                    break;
                case XmlNodeType.EndElement:
                    current = current.Parent ?? (XContainer)doc;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(reader.Value));
                    break;
            }
        }
        if (doc.Root is null) throw new XmlException("no root element");
        return doc;
    }

    private static CapAlert ReadAlert(Reader r) => new CapAlert
    {
        Identifier = r.One("identifier"),
        Sender = r.One("sender"),
        Sent = r.One("sent"),
        Status = r.One("status"),
        MsgType = r.One("msgType"),
        Source = r.One("source"),
        Scope = r.One("scope"),
        Restriction = r.One("restriction"),
        Addresses = r.One("addresses"),
        Codes = r.Many("code"),
        Note = r.One("note"),
        References = r.One("references"),
        Incidents = r.One("incidents"),
        Infos = r.Children("info").Select((e, i) => ReadInfo(r.Child(e, $"alert/info[{i + 1}]"))).ToArray(),
    }.Also(_ => r.RejectUnknown(allowSignature: true));

    private static CapInfo ReadInfo(Reader r) => new CapInfo
    {
        Language = r.One("language"),
        Categories = r.Many("category"),
        Event = r.One("event"),
        ResponseTypes = r.Many("responseType"),
        Urgency = r.One("urgency"),
        Severity = r.One("severity"),
        Certainty = r.One("certainty"),
        Audience = r.One("audience"),
        EventCodes = r.Values("eventCode"),
        Effective = r.One("effective"),
        Onset = r.One("onset"),
        Expires = r.One("expires"),
        SenderName = r.One("senderName"),
        Headline = r.One("headline"),
        Description = r.One("description"),
        Instruction = r.One("instruction"),
        Web = r.One("web"),
        Contact = r.One("contact"),
        Parameters = r.Values("parameter"),
        Resources = r.Children("resource").Select((e, i) => ReadResource(r.Child(e, $"{r.Path}/resource[{i + 1}]"))).ToArray(),
        Areas = r.Children("area").Select((e, i) => ReadArea(r.Child(e, $"{r.Path}/area[{i + 1}]"))).ToArray(),
    }.Also(_ => r.RejectUnknown());

    private static CapResource ReadResource(Reader r) => new CapResource
    {
        ResourceDesc = r.One("resourceDesc"),
        MimeType = r.One("mimeType"),
        Size = r.One("size"),
        Uri = r.One("uri"),
        DerefUri = r.One("derefUri"),
        Digest = r.One("digest"),
    }.Also(_ => r.RejectUnknown());

    private static CapArea ReadArea(Reader r) => new CapArea
    {
        AreaDesc = r.One("areaDesc"),
        Polygons = r.Many("polygon"),
        Circles = r.Many("circle"),
        Geocodes = r.Values("geocode"),
        Altitude = r.One("altitude"),
        Ceiling = r.One("ceiling"),
    }.Also(_ => r.RejectUnknown());

    private static T Also<T>(this T value, Action<T> then)
    {
        then(value);
        return value;
    }

    /// <summary>Reads one element's CAP children, noting every structural problem under the element's path.</summary>
    private sealed class Reader(XElement element, string path, List<string> errors)
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);

        public string Path => path;

        public Reader Child(XElement child, string childPath) => new(child, childPath, errors);

        public IEnumerable<XElement> Children(string name)
        {
            _known.Add(name);
            return element.Elements(Cap + name);
        }

        public string? One(string name)
        {
            var found = Children(name).ToArray();
            if (found.Length > 1) errors.Add($"{path}: <{name}> appears {found.Length} times; CAP allows it once");
            return found.Length == 0 ? null : Text(found[0], name);
        }

        public IReadOnlyList<string> Many(string name) => Children(name).Select(e => Text(e, name)).ToArray();

        public IReadOnlyList<CapValue> Values(string name) => Children(name).Select((e, i) =>
        {
            var child = Child(e, $"{path}/{name}[{i + 1}]");
            var value = new CapValue(child.One("valueName"), child.One("value"));
            child.RejectUnknown();
            return value;
        }).ToArray();

        public void RejectUnknown(bool allowSignature = false)
        {
            foreach (var e in element.Elements())
            {
                if (allowSignature && e.Name.NamespaceName == SignatureNamespace) continue;
                if (e.Name.Namespace != Cap) errors.Add($"{path}: element <{e.Name.LocalName}> of namespace '{e.Name.NamespaceName}' is not part of CAP 1.2");
                else if (!_known.Contains(e.Name.LocalName)) errors.Add($"{path}: <{e.Name.LocalName}> is not a CAP 1.2 element here");
            }
        }

        private string Text(XElement e, string name)
        {
            if (e.HasElements) errors.Add($"{path}/{name}: holds elements where CAP expects text");
            return e.Value.Trim();
        }
    }

    private sealed class CapLimitException(string message) : Exception(message);
}
