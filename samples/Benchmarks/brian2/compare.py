"""Brian2 (C++ standalone) against SpikeSharp on the E/I network, alternating A B A B.

Both run the same model in the same order (SpikeSharp's, which is BrainPy's):
  per step: the previous step's spikes are added to ge/gi; ge, gi decay by exp(-dt/tau);
  the current I = ge*(0 - v) + gi*(-80 - v) + 20 is computed from v at the start of the step and frozen;
  v <- v + (1 - exp(-dt/20 ms))*(-60 + I - v) (the exact step for frozen I);
  v is held for 50 steps after a spike (Brian2: refractory = tau_ref + dt); threshold v >= -50; reset v = -60.
Connectivity: every (pre, post) pair independently with p = 0.02*4000/N, the first 80 % of the neurons excitatory
(weights 0.6 / 6.7). The networks are statistically equal, not identical (different random streams).
Written from Brian2's documentation (standalone mode, run_regularly, Synapses.connect(p=...)).
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time


def build_brian2(n, steps, threads, directory):
    import brian2 as b2
    b2.set_device('cpp_standalone', directory=directory, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
    b2.defaultclock.dt = 0.1 * b2.ms
    p = 0.02 * 4000 / n
    ne = int(0.8 * n)
    eqs = '''
    dv/dt = (V_rest - v + I) / tau : 1 (unless refractory)
    I : 1
    ge : 1
    gi : 1
    '''
    g = b2.NeuronGroup(n, eqs, threshold='v >= V_th', reset='v = V_reset',
                       refractory=(5.0 + 0.1) * b2.ms, method='exact',
                       namespace=dict(V_rest=-60.0, V_th=-50.0, V_reset=-60.0, tau=20 * b2.ms))
    g.v = '-55 + 2*randn()'
    # Before the state update: decay the conductances, freeze the current from v at the start of the step.
    g.run_regularly('''
    ge = ge * exp(-dt / (5*ms))
    gi = gi * exp(-dt / (10*ms))
    I = ge * (0 - v) + gi * (-80 - v) + 20
    ''', when='before_groups')
    se = b2.Synapses(g[:ne], g, on_pre='ge_post += 0.6')
    se.connect(p=p)
    si = b2.Synapses(g[ne:], g, on_pre='gi_post += 6.7')
    si.connect(p=p)
    mon = b2.SpikeMonitor(g, record=False)  # counts only
    b2.run(steps * 0.1 * b2.ms)
    t0 = time.time()
    b2.device.build(directory=directory, compile=True, run=False)
    build_s = time.time() - t0
    b2.device.reinit()
    b2.device.activate()
    return build_s, ne


def run_brian2(directory, n, ne, steps):
    exe = os.path.join(directory, 'main')
    subprocess.run([exe], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(directory, 'results', 'last_run_info.txt')) as f:
        run_time = float(f.read().split()[0])
    # Spike count: the SpikeMonitor's 'count' array (one int32 per neuron).
    import numpy as np
    res = os.path.join(directory, 'results')
    counts = None
    for name in os.listdir(res):
        if name.startswith('_dynamic_array_spikemonitor_i') or name.startswith('_array_spikemonitor_count'):
            if name.startswith('_array_spikemonitor_count'):
                counts = np.fromfile(os.path.join(res, name), dtype=np.int32)
    seconds = steps * 0.1e-3
    if counts is None or len(counts) != n:
        return run_time, float('nan'), float('nan')
    return run_time, counts[:ne].sum() / (ne * seconds), counts[ne:].sum() / ((n - ne) * seconds)


def run_ours(exe, n, steps, threads):
    out = subprocess.run([exe, '--n', str(n), '--steps', str(steps), '--threads', str(threads), '--json'],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return r['SimSeconds'], r['RateE'], r['RateI']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ours', required=True)
    ap.add_argument('--sizes', default='4000')
    ap.add_argument('--steps', type=int, default=10000)
    ap.add_argument('--pairs', type=int, default=3)
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    print(f"{'N':>9} {'steps':>6} {'thr':>3} {'Brian2 s':>9} {'ours s':>8} {'ratio':>7} {'B2 E/I Hz':>13} {'ours E/I Hz':>13} {'B2 build s':>10}")
    for n in [int(x) for x in a.sizes.split(',')]:
        d = tempfile.mkdtemp(prefix=f'brian2_{n}_')
        try:
            build_s, ne = build_brian2(n, a.steps, a.threads, d)
            b2_times, our_times, b2_rates, our_rates = [], [], [], []
            for _ in range(a.pairs):  # A B A B ...
                t, re, ri = run_brian2(d, n, ne, a.steps)
                b2_times.append(t); b2_rates.append((re, ri))
                t, re, ri = run_ours(a.ours, n, a.steps, a.threads)
                our_times.append(t); our_rates.append((re, ri))
            mb, mo = statistics.median(b2_times), statistics.median(our_times)
            print(f"{n:>9} {a.steps:>6} {a.threads:>3} {mb:>9.3f} {mo:>8.4f} {mb / mo:>6.1f}x "
                  f"{b2_rates[0][0]:>6.2f}/{b2_rates[0][1]:<6.2f} {our_rates[0][0]:>6.2f}/{our_rates[0][1]:<6.2f} {build_s:>10.1f}")
            print(f"          Brian2 runs {['%.3f' % x for x in b2_times]}, ours {['%.4f' % x for x in our_times]}", file=sys.stderr)
        finally:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == '__main__':
    main()
