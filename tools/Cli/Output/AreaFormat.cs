using System.Text;
using System.Text.Json;
using static InfoRadio.Cli.Output.JsonFields;

namespace InfoRadio.Cli.Output;

/// <summary>Human views of the administrative tree (GET /api/areas and /api/areas/{code}): an indented table.</summary>
public static class AreaFormat
{
    public static string Tree(JsonElement roots)
    {
        var table = new TextTable("CODE", "NAME", "LEVEL");
        foreach (var root in Items(roots)) AddNode(table, root, 0);
        return table.RowCount == 0 ? "No areas.\n" : table.Render();
    }

    public static string Show(JsonElement node)
    {
        var text = new StringBuilder(new KeyValueBlock()
            .Add("Code", Text(node, "code"))
            .Add("Name", Text(node, "name"))
            .Add("Level", Text(node, "level"))
            .Add("Parent", Text(node, "parent"))
            .Render());
        if (Get(node, "children") is { ValueKind: JsonValueKind.Array } children && children.GetArrayLength() > 0)
            text.Append('\n').Append(Tree(children));
        return text.ToString();
    }

    private static void AddNode(TextTable table, JsonElement node, int depth)
    {
        // The indent goes on the code so the names line up per level and a code is still easy to copy.
        table.Add(new string(' ', depth * 2) + Text(node, "code"), Text(node, "name"), Text(node, "level"));
        if (Get(node, "children") is { ValueKind: JsonValueKind.Array } children)
            foreach (var child in children.EnumerateArray()) AddNode(table, child, depth + 1);
    }
}
