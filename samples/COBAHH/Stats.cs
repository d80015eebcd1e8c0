using System;
using System.Collections.Generic;

namespace COBAHH;

/// <summary>What one run gives: rates of E and I, the mean coefficient of variation of the inter-spike intervals
/// (over neurons with at least 3 spikes), and the fraction of neurons that fired at least once.</summary>
public sealed record RunStats(ulong Seed, int Steps, double WallMs, long Spikes, double RateE, double RateI, double MeanCv, int CvNeurons, double FractionActive)
{
    /// <summary>The statistics of the spikes (<paramref name="steps"/>, <paramref name="neurons"/>: one entry per spike,
    /// in time order) of a run of <paramref name="steps"/> total steps at <paramref name="dt"/>.</summary>
    public static RunStats From(ulong seed, int totalSteps, double dt, double wallMs, ReadOnlySpan<int> steps, ReadOnlySpan<int> neurons, int size, int numExcitatory)
    {
        var last = new int[size];
        Array.Fill(last, -1);
        var count = new int[size];
        var sum = new double[size];
        var sumSq = new double[size];
        for (int k = 0; k < steps.Length; k++)
        {
            int j = neurons[k];
            if (last[j] >= 0)
            {
                double isi = (steps[k] - last[j]) * dt;
                sum[j] += isi;
                sumSq[j] += isi * isi;
            }
            last[j] = steps[k];
            count[j]++;
        }
        long e = 0, i = 0;
        int active = 0, cvN = 0;
        double cvSum = 0;
        for (int j = 0; j < size; j++)
        {
            if (j < numExcitatory) e += count[j]; else i += count[j];
            if (count[j] > 0) active++;
            int intervals = count[j] - 1;
            if (intervals >= 2)
            {
                double mean = sum[j] / intervals;
                double var = Math.Max(0, sumSq[j] / intervals - mean * mean);
                cvSum += Math.Sqrt(var) / mean;
                cvN++;
            }
        }
        double seconds = totalSteps * dt / 1000;
        return new RunStats(seed, totalSteps, wallMs, e + i, e / (numExcitatory * seconds), i / ((size - numExcitatory) * seconds),
            cvN > 0 ? cvSum / cvN : double.NaN, cvN, active / (double)size);
    }
}
