using System.Collections.Generic;
using System.Linq;

namespace SpikeSharp.Generator.Model.Definitions;

/// <summary>Every definition, by attribute name and by metadata name (<c>SpikeSharp.{Attribute}Attribute</c>).</summary>
internal static class Catalogue
{
    public static string MetadataName(string attribute) => "SpikeSharp." + attribute + "Attribute";

    /// <summary>Every neuron definition: <see cref="Neurons.All"/>, then <see cref="LtcNeurons.All"/>.</summary>
    public static readonly NeuronDef[] AllNeurons = Neurons.All.Concat(LtcNeurons.All).ToArray();

    static readonly Dictionary<string, NeuronDef> s_neurons = AllNeurons.ToDictionary(d => d.Attribute);
    /// <summary>Every synapse attribute: the align-post ones (<see cref="Synapses.All"/>), then the pre-sized ones.</summary>
    public static readonly SynapseDef[] AllSynapses = Synapses.All.Concat(PreSynapses.All).ToArray();

    static readonly Dictionary<string, SynapseDef> s_synapses = AllSynapses.Append(PreSynapses.CommInput).ToDictionary(d => d.Attribute);
    static readonly Dictionary<string, OutputDef> s_outputs = Outputs.All.ToDictionary(d => d.Attribute);
    static readonly Dictionary<string, NeuronDef> s_neuronsByMetadata = AllNeurons.ToDictionary(d => MetadataName(d.Attribute));
    static readonly Dictionary<string, SynapseDef> s_synapsesByMetadata = AllSynapses.ToDictionary(d => MetadataName(d.Attribute));
    static readonly Dictionary<string, OutputDef> s_outputsByMetadata = Outputs.All.ToDictionary(d => MetadataName(d.Attribute));
    static readonly Dictionary<string, CommDef> s_commsByMetadata = Comms.All.ToDictionary(d => MetadataName(d.Attribute));

    public static NeuronDef Neuron(string attribute) => s_neurons[attribute];
    public static SynapseDef Synapse(string attribute) => s_synapses[attribute];
    public static OutputDef Output(string attribute) => s_outputs[attribute];

    public static NeuronDef? NeuronByMetadataName(string name) => s_neuronsByMetadata.TryGetValue(name, out var d) ? d : null;
    public static SynapseDef? SynapseByMetadataName(string name) => s_synapsesByMetadata.TryGetValue(name, out var d) ? d : null;
    public static OutputDef? OutputByMetadataName(string name) => s_outputsByMetadata.TryGetValue(name, out var d) ? d : null;
    public static CommDef? CommByMetadataName(string name) => s_commsByMetadata.TryGetValue(name, out var d) ? d : null;

    /// <summary>"[LifRef], [Lif], …": the attributes of a role, for messages.</summary>
    public static string List(IEnumerable<string> attributes) => string.Join(", ", attributes.Select(a => "[" + a + "]"));

    public static string NeuronList => List(AllNeurons.Select(d => d.Attribute));
    public static string SynapseList => List(Synapses.All.Select(d => d.Attribute));
    public static string PreSynapseList => List(PreSynapses.All.Select(d => d.Attribute));
    public static string OutputList => List(Outputs.All.Select(d => d.Attribute));
    public static string CommList => List(Comms.All.Select(d => d.Attribute));
}
