using System;
using System.Text;

namespace SpikeSharp.Generator.Helpers;

/// <summary>A small indented text writer with '\n' line endings (deterministic output on every OS).</summary>
internal sealed class IndentedWriter
{
    readonly StringBuilder _sb = new();
    int _indent;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', 4 * _indent).Append(text);
        _sb.Append('\n');
        return this;
    }

    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Closer(this);
    }

    /// <summary>Appends the lines another writer produced, indented at this writer's current level.</summary>
    public void Append(IndentedWriter other)
    {
        string text = other.ToString();
        if (text.EndsWith("\n", StringComparison.Ordinal)) text = text.Substring(0, text.Length - 1);
        foreach (var line in text.Split('\n')) Line(line);
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    public override string ToString() => _sb.ToString();

    sealed class Closer(IndentedWriter w) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            w._indent--;
            w.Line("}");
        }
    }
}
