using System;
using System.Globalization;

namespace SpikeSharp;

/// <summary>Helpers for writing an <see cref="ISpikingNetwork"/> by hand.</summary>
public static class Network
{
    /// <summary>
    /// The time step (ms) shared by a network's parts, for <see cref="ISpikingNetwork.Dt"/>:
    /// <c>public double Dt =&gt; Network.CommonDt((nameof(N), N.Dt), (nameof(P), P.Dt));</c>. Every part must have been
    /// built with the same dt, compared exactly (the decay factors and refractory counts derive from it); there is no
    /// default and no rounding.
    /// </summary>
    /// <param name="parts">Each population or input group of the network, with a name for messages, and its <c>Dt</c>.</param>
    /// <exception cref="ArgumentException">No parts, a part's dt is not a positive finite number (named), or two parts
    /// differ (both named, with their dt).</exception>
    public static double CommonDt(params ReadOnlySpan<(string Name, double Dt)> parts)
    {
        if (parts.Length == 0)
            throw new ArgumentException("Network.CommonDt: give at least one (name, dt) pair, one per population of the network.", nameof(parts));
        for (int k = 0; k < parts.Length; k++)
            if (!(double.IsFinite(parts[k].Dt) && parts[k].Dt > 0))
                throw new ArgumentException($"Network.CommonDt: '{parts[k].Name}' has dt = {F(parts[k].Dt)} ms; a time step must be a positive finite number of ms.", nameof(parts));
        var first = parts[0];
        for (int k = 1; k < parts.Length; k++)
            if (parts[k].Dt != first.Dt)
                throw new ArgumentException(
                    $"Network.CommonDt: '{first.Name}' was built with dt = {F(first.Dt)} ms but '{parts[k].Name}' with dt = {F(parts[k].Dt)} ms; " +
                    "every population and input group of one network must use the same time step (pass the same dt to each constructor, or build them inside one Simulation.UseDt scope).",
                    nameof(parts));
        return first.Dt;
    }

    static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
