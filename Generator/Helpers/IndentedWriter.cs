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
