#!/usr/bin/env python3
"""pandapower's short circuit with pre-fault voltages from a load flow (calc_sc with
use_pre_fault_voltage=True, its "type C" superposition method) on one meshed 110/20 kV network,
as an anchor for AmpFlux's prefault_voltage "load_flow" (docs/short-circuit.md, "Pre-fault
voltages from a load flow"). The test packages/sim-wasm/test/iec60909-prefault-pandapower.test.ts
reads the committed result; CI never runs this script.

    PYTHONPATH=/path/to/pandapower /usr/bin/python3 bench/anchors/pandapower-prefault.py --write \
        --source-ref "<commit>"
    pnpm exec biome format --write bench/anchors/results

The network is written once, below, as an AmpFlux network document; this script builds the same
net in pandapower element by element and stores document and results together
(results/pandapower-prefault.json), so the test studies exactly what pandapower studied.

The network avoids what pandapower's type C and AmpFlux's superposition model differently
(docs/short-circuit.md lists it): no synchronous generators (pandapower keeps K_G in type C),
no shunts (its "sc" mode leaves shunts out), transformers without magnetizing branch and without
phase shift (its short-circuit Ybus drops shifts while the load-flow angles keep them), and only
three-phase faults (its 2ph and 1ph currents still use c, not the pre-fault voltage).

pandapower (https://github.com/e2nIEE/pandapower), BSD-3-Clause, (c) the pandapower developers
(University of Kassel, Fraunhofer IEE); only run here, none of its code is copied.
"""

import argparse
import datetime
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")

# Debian 12's typing_extensions (4.4) lacks `deprecated`, which newer pandapower imports for
# decorating; a no-op decorator is enough to run it.
import typing_extensions  # noqa: E402

if not hasattr(typing_extensions, "deprecated"):
    typing_extensions.deprecated = lambda *a, **k: (lambda f: f)

import pandapower as pp  # noqa: E402
import pandapower.shortcircuit as sc  # noqa: E402

GRID = dict(id="grid", bus="hv", s_sc_max_mva=3000, s_sc_min_mva=2500, rx_max=0.1, rx_min=0.1,
            vm_pu=1.03, va_degree=0)

DOCUMENT = {
    "schema": "ampflux/network@1",
    "name": "prefault anchor (pandapower type C)",
    "frequency_hz": 50,
    "buses": [
        {"id": "hv", "vn_kv": 110},
        {"id": "mv1", "vn_kv": 20},
        {"id": "mv2", "vn_kv": 20},
        {"id": "b3", "vn_kv": 20},
        {"id": "b4", "vn_kv": 20},
    ],
    "external_grids": [GRID],
    "transformers": [
        # Tap +2 of 1.5 % on the HV side: an off-nominal ratio the fault network must keep.
        {"id": "T1", "hv_bus": "hv", "lv_bus": "mv1", "sn_mva": 40, "vn_hv_kv": 110, "vn_lv_kv": 20,
         "vk_percent": 12, "vkr_percent": 0.5, "shift_degree": 0, "tap_side": "hv", "tap_pos": 2,
         "tap_neutral": 0, "tap_min": -9, "tap_max": 9, "tap_step_percent": 1.5},
        # Rated 110/21 kV on 20 kV buses.
        {"id": "T2", "hv_bus": "hv", "lv_bus": "mv2", "sn_mva": 25, "vn_hv_kv": 110, "vn_lv_kv": 21,
         "vk_percent": 10, "vkr_percent": 0.6, "shift_degree": 0},
    ],
    "lines": [
        {"id": "L13", "from_bus": "mv1", "to_bus": "b3", "length_km": 6, "r_ohm_per_km": 0.16,
         "x_ohm_per_km": 0.35, "c_nf_per_km": 250},
        {"id": "L34", "from_bus": "b3", "to_bus": "b4", "length_km": 3, "r_ohm_per_km": 0.25,
         "x_ohm_per_km": 0.38, "c_nf_per_km": 220},
        {"id": "L42", "from_bus": "b4", "to_bus": "mv2", "length_km": 4, "r_ohm_per_km": 0.16,
         "x_ohm_per_km": 0.35, "c_nf_per_km": 250},
    ],
    "loads": [
        {"id": "P1", "bus": "mv1", "p_mw": 3, "q_mvar": 1},
        {"id": "P3", "bus": "b3", "p_mw": 10, "q_mvar": 4},
        {"id": "P4", "bus": "b4", "p_mw": 6, "q_mvar": 2},
    ],
}


def build_net():
    net = pp.create_empty_network(f_hz=DOCUMENT["frequency_hz"])
    idx = {}
    for b in DOCUMENT["buses"]:
        idx[b["id"]] = pp.create_bus(net, vn_kv=b["vn_kv"], name=b["id"])
    g = GRID
    pp.create_ext_grid(net, idx[g["bus"]], vm_pu=g["vm_pu"], va_degree=g["va_degree"],
                       s_sc_max_mva=g["s_sc_max_mva"], s_sc_min_mva=g["s_sc_min_mva"],
                       rx_max=g["rx_max"], rx_min=g["rx_min"])
    for t in DOCUMENT["transformers"]:
        tap = "tap_pos" in t
        pp.create_transformer_from_parameters(
            net, idx[t["hv_bus"]], idx[t["lv_bus"]], sn_mva=t["sn_mva"], vn_hv_kv=t["vn_hv_kv"],
            vn_lv_kv=t["vn_lv_kv"], vk_percent=t["vk_percent"], vkr_percent=t["vkr_percent"],
            pfe_kw=0, i0_percent=0, shift_degree=t["shift_degree"], name=t["id"],
            tap_side=t.get("tap_side"), tap_pos=t.get("tap_pos", 0) if tap else None,
            tap_neutral=t.get("tap_neutral", 0) if tap else None,
            tap_min=t.get("tap_min") if tap else None, tap_max=t.get("tap_max") if tap else None,
            tap_step_percent=t.get("tap_step_percent") if tap else None,
            tap_step_degree=0 if tap else None, tap_changer_type="Ratio" if tap else None)
    for ln in DOCUMENT["lines"]:
        pp.create_line_from_parameters(
            net, idx[ln["from_bus"]], idx[ln["to_bus"]], length_km=ln["length_km"],
            r_ohm_per_km=ln["r_ohm_per_km"], x_ohm_per_km=ln["x_ohm_per_km"],
            c_nf_per_km=ln["c_nf_per_km"], max_i_ka=1, name=ln["id"])
    for ld in DOCUMENT["loads"]:
        pp.create_load(net, idx[ld["bus"]], p_mw=ld["p_mw"], q_mvar=ld["q_mvar"], name=ld["id"])
    return net, idx


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--source-ref", default="")
    args = parser.parse_args()
    net, idx = build_net()
    names = {v: k for k, v in idx.items()}
    pp.runpp(net, algorithm="nr", init="flat", tolerance_mva=1e-10, calculate_voltage_angles=True,
             trafo_model="pi")
    buses = []
    for b, row in net.res_bus.iterrows():
        buses.append({"bus": names[b], "vm_pu": row.vm_pu, "va_degree": row.va_degree})
    faults = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for b in DOCUMENT["buses"]:
            sc.calc_sc(net, bus=idx[b["id"]], fault="3ph", case="max", branch_results=True,
                       use_pre_fault_voltage=True, return_all_currents=True)
            ik = float(net.res_bus_sc.loc[idx[b["id"]], "ikss_ka"])
            branches = []
            for kind, table in (("line", net.line), ("transformer", net.trafo)):
                res = net.res_line_sc if kind == "line" else net.res_trafo_sc
                for (el, fb), row in res.iterrows():
                    if fb != idx[b["id"]]:
                        continue
                    t = table.loc[el]
                    ends = ((t.from_bus, t.to_bus) if kind == "line" else (t.hv_bus, t.lv_bus))
                    cols = (("ikss_from_ka", "ikss_to_ka") if kind == "line"
                            else ("ikss_hv_ka", "ikss_lv_ka"))
                    for end, col in zip(ends, cols):
                        branches.append({"branch": t["name"], "bus": names[end], "ikss_ka": float(row[col])})
            faults.append({"bus": b["id"], "ikss_ka": ik, "branches": branches})
    out = {
        "source": "pandapower calc_sc(fault='3ph', case='max', use_pre_fault_voltage=True, "
                  "branch_results=True, return_all_currents=True) after runpp(nr, flat, "
                  "tolerance_mva=1e-10, trafo_model='pi')",
        "pandapower_version": pp.__version__,
        "source_ref": args.source_ref,
        "python": sys.version.split()[0],
        "date": datetime.date.today().isoformat(),
        "document": DOCUMENT,
        "load_flow": buses,
        "faults": faults,
    }
    text = json.dumps(out, indent=2)
    if args.write:
        os.makedirs(RESULTS, exist_ok=True)
        with open(os.path.join(RESULTS, "pandapower-prefault.json"), "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
