"""Brian2 reference for samples/COBA: BrainPy's COBA.py network (E 3200, I 800 LifRef, four projections with
EventCSRLinear on FixedProb(0.02): every pre neuron has exactly int(n_post*0.02) distinct targets), stepped in
BrainPy's order like samples/Benchmarks/brian2/compare.py: deliver last step's spikes, decay g, current from the
previous V, exact LIF step, V held 50 steps after a spike, threshold V >= -50, reset -60. Written from Brian2's
documentation. Usage: /usr/bin/python3 coba_brian2.py --seeds 1,2,3,4,5,6 --steps 10000
"""
import argparse, json, os, shutil, tempfile
import numpy as np


def run(seed, steps, directory):
    import brian2 as b2
    b2.device.reinit(); b2.device.activate()
    b2.set_device('cpp_standalone', directory=directory, build_on_run=True)
    b2.defaultclock.dt = 0.1 * b2.ms
    b2.seed(seed)
    rng = np.random.default_rng(seed)
    eqs = '''
    dv/dt = (V_rest - v + I) / tau : 1 (unless refractory)
    I : 1
    ge : 1
    gi : 1
    '''
    ns = dict(V_rest=-60.0, V_th=-50.0, V_reset=-60.0, tau=20 * b2.ms)
    groups = {}
    for name, n in (('E', 3200), ('I', 800)):
        g = b2.NeuronGroup(n, eqs, threshold='v >= V_th', reset='v = V_reset', refractory=(5.0 + 0.1) * b2.ms,
                           method='exact', namespace=ns, name=name)
        g.v = -55 + 2 * rng.standard_normal(n)
        g.run_regularly('''
        ge = ge * exp(-dt / (5*ms))
        gi = gi * exp(-dt / (10*ms))
        I = ge * (0 - v) + gi * (-80 - v) + 20
        ''', when='before_groups')
        groups[name] = g
    syns = []
    for pre, post, var, w in (('E', 'E', 'ge', 0.6), ('E', 'I', 'ge', 0.6), ('I', 'E', 'gi', 6.7), ('I', 'I', 'gi', 6.7)):
        npre, npost = len(groups[pre]), len(groups[post])
        k = int(npost * 0.02)
        i = np.repeat(np.arange(npre), k)
        j = np.concatenate([rng.choice(npost, size=k, replace=False) for _ in range(npre)])
        s = b2.Synapses(groups[pre], groups[post], on_pre=f'{var}_post += {w}')
        s.connect(i=i, j=j)
        syns.append(s)
    me = b2.SpikeMonitor(groups['E'])
    mi = b2.SpikeMonitor(groups['I'])
    net = b2.Network(list(groups.values()) + syns + [me, mi])
    net.run(steps * 0.1 * b2.ms)
    sec = steps * 1e-4
    out = {}
    for name, mon, n in (('E', me, 3200), ('I', mi, 800)):
        idx = np.asarray(mon.i); t = np.asarray(mon.t / b2.ms)
        out['rate' + name] = len(idx) / (n * sec)
        out['active' + name] = len(np.unique(idx)) / n
        cvs = []
        for k in np.unique(idx):
            ts = np.sort(t[idx == k])
            if len(ts) >= 3:
                d = np.diff(ts); cvs.append(d.std() / d.mean())
        out['cv' + name] = float(np.mean(cvs)) if cvs else float('nan')
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', default='1,2,3,4,5,6')
    ap.add_argument('--steps', type=int, default=10000)
    a = ap.parse_args()
    rows = []
    for s in [int(x) for x in a.seeds.split(',')]:
        d = tempfile.mkdtemp(prefix='b2coba_')
        try:
            r = run(s, a.steps, d)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        rows.append(r)
        print(json.dumps(dict(seed=s, **r)), flush=True)
    for key in rows[0]:
        v = np.array([r[key] for r in rows])
        print(f'{key}: {v.mean():.3f} ± {v.std(ddof=1) if len(v) > 1 else 0:.3f}')


if __name__ == '__main__':
    main()
