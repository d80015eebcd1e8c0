"""Brian2 (C++ standalone) against SpikeSharp on COBAHH (samples/COBAHH), 10 000 steps of dt = 0.1 ms, alternating A B A B.

The same model as samples/COBAHH (../shared/docs/benchmarks.md "COBAHH"): 4000 Traub–Miles neurons (3200 E), Expon
tau 5 / 10 ms, COBA E 0 / -80 mV, weights 0.06 / 0.67, V0 = -65 + 5 N(0,1), m = h = n = 0, no input, spike = upward
crossing of -20 mV, each source exactly 80 targets among all 4000 drawn with replacement, self-connections allowed
(BrainPy's FixedProb(80/4000, allow_multi_conn=True); here numpy's draw, given to connect as i, j arrays, so repeated
pairs are separate synapses). As in SpikeSharp (and BrainPy), the synaptic current is frozen from v at
the start of the step (run_regularly before the state update), so it stays outside the exponential-Euler linear term;
Brian2's exponential_euler integrates each variable with the others held, like exp_auto. The two networks are
statistically equal, not identical (different random streams). Written from Brian2's documentation.
Usage: /usr/bin/python3 samples/Benchmarks/brian2/cobahh.py --ours samples/Benchmarks/bin/Release/net10.0/Benchmarks [--pairs 3]
"""
import argparse, json, os, shutil, subprocess, tempfile, time


def build(directory, steps):
    import brian2 as b2
    b2.set_device('cpp_standalone', directory=directory, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = 0.1 * b2.ms
    size, ne = 4000, 3200
    # (the name n below is the gate n in the equations, not the group size)
    ns = dict(Cm=2.0, gl=0.1, g_na=200.0, g_kd=60.0, El=-60.0, ENa=50.0, EK=-90.0, VT=-63.0, ms_=b2.ms)
    eqs = '''
    dv/dt = (gl*(El - v) - g_na*m**3*h*(v - ENa) - g_kd*n**4*(v - EK) + I) / Cm / ms_ : 1
    dm/dt = (0.32*(13 - v + VT) / (exp((13 - v + VT)/4) - 1)*(1 - m) - 0.28*(v - VT - 40) / (exp((v - VT - 40)/5) - 1)*m) / ms_ : 1
    dn/dt = (0.032*(15 - v + VT) / (exp((15 - v + VT)/5) - 1)*(1 - n) - 0.5*exp((10 - v + VT)/40)*n) / ms_ : 1
    dh/dt = (0.128*exp((17 - v + VT)/18)*(1 - h) - 4/(1 + exp((40 - v + VT)/5))*h) / ms_ : 1
    I : 1
    ge : 1
    gi : 1
    vold : 1
    '''
    g = b2.NeuronGroup(size, eqs, threshold='vold < -20 and v >= -20', method='exponential_euler', namespace=ns)
    g.v = '-65 + 5*randn()'
    g.run_regularly('''
    ge = ge * exp(-dt / (5*ms))
    gi = gi * exp(-dt / (10*ms))
    I = ge * (0 - v) + gi * (-80 - v)
    vold = v
    ''', when='before_groups')
    import numpy as np
    rng = np.random.default_rng(1)
    se = b2.Synapses(g[:ne], g, on_pre='ge_post += 0.06')
    se.connect(i=np.repeat(np.arange(ne), 80), j=rng.integers(0, size, ne * 80))
    si = b2.Synapses(g[ne:], g, on_pre='gi_post += 0.67')
    si.connect(i=np.repeat(np.arange(size - ne), 80), j=rng.integers(0, size, (size - ne) * 80))
    mon = b2.SpikeMonitor(g, record=False)  # kept: Brian2 collects the objects it can see
    b2.run(steps * 0.1 * b2.ms)
    t0 = time.time()
    b2.device.build(directory=directory, compile=True, run=False)
    return time.time() - t0


def run_brian2(directory, steps):
    import numpy as np
    t0 = time.process_time()
    r0 = os.times()
    subprocess.run([os.path.join(directory, 'main')], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    r1 = os.times()
    with open(os.path.join(directory, 'results', 'last_run_info.txt')) as f:
        run_time = float(f.read().split()[0])
    res = os.path.join(directory, 'results')
    counts = [np.fromfile(os.path.join(res, f), dtype=np.int32) for f in os.listdir(res) if f.startswith('_array_spikemonitor_count')]
    rate = counts[0].sum() / (4000 * steps * 0.1e-3) if counts else float('nan')
    return run_time, (r1.children_user + r1.children_system) - (r0.children_user + r0.children_system), rate


def run_ours(exe, steps):
    out = subprocess.run([exe, '--cobahh', '--steps', str(steps), '--threads', '1', '--repeat', '1', '--json'],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return r['wallSeconds'], r['cpuSeconds'], r['rateHz']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ours', required=True)
    ap.add_argument('--steps', type=int, default=10000)
    ap.add_argument('--pairs', type=int, default=3)
    a = ap.parse_args()
    d = tempfile.mkdtemp(prefix='b2cobahh')
    try:
        build_s = build(d, a.steps)
        print(f'Brian2 standalone: compiled in {build_s:.1f} s')
        for k in range(a.pairs):
            bw, bc, br = run_brian2(d, a.steps)
            ow, oc, orate = run_ours(a.ours, a.steps)
            print(f'pair {k}: Brian2 run {bw:.3f} s (process CPU {bc:.3f} s, rate {br:.2f} Hz) | SpikeSharp {ow:.3f} s wall, {oc:.3f} s CPU (rate {orate:.2f} Hz)')
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == '__main__':
    main()
