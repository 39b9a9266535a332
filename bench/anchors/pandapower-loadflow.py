#!/usr/bin/env python3
"""pandapower's AC load flow on the MATPOWER cases in ../shared/data/matpower, as an anchor for
AmpFlux's load flow (docs/load-flow.md, "Checked against pandapower 2.14.11").

Run by hand where pandapower is installed (it is not a project dependency; CI never runs this):

    PYTHONPATH=/path/to/pandapower-2.14.11 python3 bench/anchors/pandapower-loadflow.py \
        --write --source-ref "v2.14.11 (f499d71d)" case9 case14 ...
    pnpm exec biome format --write bench/anchors/results

(the v2.14.11 tag's pandapower/_version.py still says 2.14.10 -- its setup.py says 2.14.11 --
hence --source-ref, recorded next to pandapower.__version__). --time runs runpp 3 times and
prints from_ppc's and each runpp's time (the first includes building pandapower's ppc from the
net; the later ones too, pandapower does not reuse it by default).

Per case it reads the .m file with its own small reader of baseMVA, bus, gen and branch (the
MATPOWER matrices; pandapower's own .m reader needs matpowercaseframes), builds the net with
pandapower.converter.from_ppc and runs pandapower.runpp (Newton-Raphson, flat start, no Q
limits). With --write it stores bench/anchors/results/pandapower-loadflow-<case>.json: Vm and
Va - Va(slack) per bus in the file's row order, plus pandapower's version, the options and the
date. pandapower 2.14.11 (https://github.com/e2nIEE/pandapower), BSD-3-Clause, (c) the
pandapower developers (University of Kassel, Fraunhofer IEE); only run here, none of its code is
copied.

Branch model. MATPOWER's branch (MATPOWER manual, sec. 3.2) is a pi section whose charging b/2
sits at both ends of the series impedance, inside an ideal transformer tau*exp(j theta) on the
FROM side. pandapower's from_ppc turns a branch with an off-nominal ratio, a shift or two base
voltages into a 2-winding transformer whose hv bus is the higher-kV end, its tap on tap_side,
the charging into i0_percent (pfe_kw = 0); with trafo_model="pi" pandapower splits that
magnetizing admittance half to each end inside its own hv-side ideal transformer, i.e. exactly
MATPOWER's stamp when the FROM bus is the hv bus and the tap is on the hv side ("t" would
make a T section). A transformer row whose FROM bus has the lower base kV is not reproduced by
from_ppc (its tap lands on the TO side: 0.107 pu off on case300), so this script first
turns such rows round into the exactly equivalent row from the other end:
tau' = 1/tau, theta' = -theta, r' + jx' = (r + jx) tau^2, b' = b / tau^2 (the same Ybus entries),
and the check below proves the model by comparing pandapower's own Ybus (from net._ppc after
runpp) with MATPOWER's makeYbus of the original rows (pandapower.pypower.makeYbus, the port of
MATPOWER's): max |dY| is stored in the result as ybus_max_abs_diff_pu.
"""

import argparse
import datetime
import json
import os
import re
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "matpower"))
RESULTS = os.path.join(HERE, "results")

OPTIONS = dict(
    algorithm="nr",
    init="flat",
    enforce_q_lims=False,
    tolerance_mva=1e-8,
    max_iteration=30,
    calculate_voltage_angles=True,
    trafo_model="pi",
    voltage_depend_loads=False,
    numba=False,
)

# MATPOWER column indices (0-based).
BUS_I, BUS_TYPE, BASE_KV = 0, 1, 9
F_BUS, T_BUS, BR_R, BR_X, BR_B, TAP, SHIFT, BR_STATUS = 0, 1, 2, 3, 4, 8, 9, 10


def read_matrix(text, field):
    m = re.search(r"mpc\.%s\s*=\s*\[" % field, text)
    if m is None:
        raise ValueError(f"mpc.{field} not found")
    end = text.index("];", m.end())
    rows = []
    for line in re.split(r"[;\n]", text[m.end():end]):
        line = line.split("%")[0].strip()
        if line:
            rows.append([float(v) for v in re.split(r"[\s,]+", line)])
    width = max(len(r) for r in rows)
    return np.array([r + [0.0] * (width - len(r)) for r in rows])


def read_case(name):
    with open(os.path.join(DATA, f"{name}.m"), encoding="utf8") as f:
        text = f.read()
    base = re.search(r"mpc\.baseMVA\s*=\s*([\d.eE+-]+)", text)
    return {
        "version": "2",
        "baseMVA": float(base.group(1)) if base else 100.0,
        "bus": read_matrix(text, "bus"),
        "gen": read_matrix(text, "gen"),
        "branch": read_matrix(text, "branch"),
    }


def is_transformer_row(ppc, kv_of):
    br = ppc["branch"]
    fkv = np.array([kv_of[b] for b in br[:, F_BUS]])
    tkv = np.array([kv_of[b] for b in br[:, T_BUS]])
    line = (fkv == tkv) & ((br[:, TAP] == 0) | (br[:, TAP] == 1)) & (br[:, SHIFT] == 0)
    return ~line, fkv, tkv


def orient_hv_first(ppc):
    """Turn transformer rows whose FROM bus has the lower base kV round (same Ybus entries)."""
    kv_of = dict(zip(ppc["bus"][:, BUS_I], ppc["bus"][:, BASE_KV]))
    trafo, fkv, tkv = is_transformer_row(ppc, kv_of)
    flip = trafo & (fkv < tkv)
    br = ppc["branch"].copy()
    tau = np.where(br[:, TAP] == 0, 1.0, br[:, TAP])
    br[flip, F_BUS], br[flip, T_BUS] = ppc["branch"][flip, T_BUS], ppc["branch"][flip, F_BUS]
    br[flip, TAP] = 1.0 / tau[flip]
    br[flip, SHIFT] = -ppc["branch"][flip, SHIFT]
    br[flip, BR_R] *= tau[flip] ** 2
    br[flip, BR_X] *= tau[flip] ** 2
    br[flip, BR_B] /= tau[flip] ** 2
    bus = ppc["bus"].copy()
    # BASE_KV 0 (case14) gives pandapower 0-ohm bases; per-unit values do not depend on it.
    bus[bus[:, BASE_KV] <= 0, BASE_KV] = 1.0
    out = dict(ppc)
    out["branch"] = br
    out["bus"] = bus
    return out, int(flip.sum()), int(trafo.sum())


def matpower_ybus(ppc):
    """Ybus of the file's rows by MATPOWER's branch model (manual, eq. 3.2-3.3), per unit."""
    from scipy.sparse import coo_matrix

    bus, br, base = ppc["bus"], ppc["branch"], ppc["baseMVA"]
    keep = bus[:, BUS_TYPE] != 4
    numbers = bus[keep, BUS_I].astype(np.int64)
    index = {int(b): i for i, b in enumerate(numbers)}
    br = br[(br[:, BR_STATUS] > 0) & np.isin(br[:, F_BUS], numbers) & np.isin(br[:, T_BUS], numbers)]
    f = np.array([index[int(b)] for b in br[:, F_BUS]], dtype=np.int64)
    t = np.array([index[int(b)] for b in br[:, T_BUS]], dtype=np.int64)
    ys = 1.0 / (br[:, BR_R] + 1j * br[:, BR_X])
    tau = np.where(br[:, TAP] == 0, 1.0, br[:, TAP]) * np.exp(1j * np.deg2rad(br[:, SHIFT]))
    ytt = ys + 0.5j * br[:, BR_B]
    yff = ytt / (tau * np.conj(tau))
    yft = -ys / np.conj(tau)
    ytf = -ys / tau
    ysh = (bus[keep, 4] + 1j * bus[keep, 5]) / base
    n = len(numbers)
    rows = np.concatenate([f, f, t, t, np.arange(n)])
    cols = np.concatenate([f, t, f, t, np.arange(n)])
    vals = np.concatenate([yff, yft, ytf, ytt, ysh])
    return coo_matrix((vals, (rows, cols)), shape=(n, n)).tocsr(), numbers


def solve(name, timing, init=None):
    import pandapower as pp
    from pandapower.converter import from_ppc

    raw = read_case(name)
    ppc, flipped, trafos = orient_hv_first(raw)
    t0 = time.perf_counter()
    net = from_ppc(ppc, f_hz=50, validate_conversion=False)
    t_convert = time.perf_counter() - t0
    options = dict(OPTIONS, init=init or OPTIONS["init"])
    runs = []
    for _ in range(3 if timing else 1):
        t1 = time.perf_counter()
        pp.runpp(net, **options)
        runs.append(time.perf_counter() - t1)
    res = net.res_bus
    numbers = raw["bus"][:, BUS_I].astype(np.int64)
    in_service = raw["bus"][:, BUS_TYPE] != 4
    slack_number = int(numbers[raw["bus"][:, BUS_TYPE] == 3][0])
    slack_va = float(res.va_degree.at[slack_number])
    vm = [float(res.vm_pu.at[b]) for b in numbers[in_service]]
    va = [float(res.va_degree.at[b]) - slack_va for b in numbers[in_service]]

    # pandapower's Ybus in its own bus order -> MATPOWER's for the same buses.
    ppc_pp = net._ppc
    y_pp = ppc_pp["internal"]["Ybus"].tocsr()
    lookup = net._pd2ppc_lookups["bus"]
    pos = np.array([lookup[b] for b in numbers[in_service]])
    y_mp, mp_numbers = matpower_ybus(raw)
    assert (mp_numbers == numbers[in_service]).all()
    # pandapower's internal ppc may hold auxiliary buses (none here): compare the file's buses.
    y_pp_sub = y_pp[pos][:, pos]
    base_ratio = 1.0  # both per unit on baseMVA (from_ppc sets net.sn_mva = baseMVA)
    dy = abs(y_pp_sub * base_ratio - y_mp)
    ybus_diff = float(dy.max()) if dy.nnz else 0.0
    iterations = int(net._ppc["iterations"]) if "iterations" in net._ppc else None
    return {
        "case": name,
        "source": f"../shared/data/matpower/{name}.m (MATPOWER 8.x data folder, unchanged)",
        "anchor": "pandapower 2.14.11 (https://github.com/e2nIEE/pandapower, tag v2.14.11), "
        "BSD-3-Clause, (c) the pandapower developers; run, not copied",
        "pandapower_version": pp.__version__,
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": "PYTHONPATH=<pandapower-2.14.11> python3 bench/anchors/pandapower-loadflow.py --write "
        "--source-ref <ref> " + name,
        "build": "own .m reader -> transformer rows with FROM at the lower base kV turned round "
        "(tau'=1/tau, theta'=-theta, z'=z*tau^2, b'=b/tau^2) -> pandapower.converter.from_ppc(ppc, f_hz=50)",
        "options": options,
        "converged": bool(net.converged),
        "iterations": iterations,
        "transformer_rows": trafos,
        "transformer_rows_turned_round": flipped,
        "ybus_max_abs_diff_pu": ybus_diff,
        "slack_bus": slack_number,
        "bus": [int(b) for b in numbers[in_service]],
        "vm_pu": [round(v, 12) for v in vm],
        "va_degree_from_slack": [round(v, 10) for v in va],
        "timing_s": {"from_ppc": t_convert, "runpp": runs} if timing else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="+")
    parser.add_argument("--write", action="store_true", help="write results/pandapower-loadflow-<case>.json")
    parser.add_argument("--time", action="store_true", help="run runpp 3 times and print the times")
    parser.add_argument("--init", default=None, help='runpp init instead of "flat" (e.g. "dc")')
    parser.add_argument("--source-ref", default=None, help="pandapower tag/commit run, recorded as given")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for name in args.cases:
        out = solve(name, args.time, args.init)
        out["pandapower_source_ref"] = args.source_ref
        line = (
            f"{name}: converged={out['converged']} iterations={out['iterations']} "
            f"trafo rows {out['transformer_rows']} (turned round {out['transformer_rows_turned_round']}) "
            f"max|Ybus(pandapower) - Ybus(MATPOWER)| = {out['ybus_max_abs_diff_pu']:.2e} pu"
        )
        if args.time:
            t = out["timing_s"]
            line += f" from_ppc {t['from_ppc']*1e3:.0f} ms runpp " + " / ".join(f"{x*1e3:.0f}" for x in t["runpp"]) + " ms"
        print(line, flush=True)
        if args.write:
            out["timing_s"] = None
            os.makedirs(RESULTS, exist_ok=True)
            with open(os.path.join(RESULTS, f"pandapower-loadflow-{name}.json"), "w", encoding="utf8") as f:
                json.dump(out, f, separators=(",", ":"))
                f.write("\n")


if __name__ == "__main__":
    main()
