#!/usr/bin/env python3
"""pandapower's IEC 60909 short circuit on a 20 kV network with a series impedance element
(pandapower's `impedance`, per unit on sn_mva, with zero-sequence data), as an anchor for
AmpFlux's `impedances` (docs/short-circuit.md, "Differences to pandapower (network elements)").
The test packages/sim-wasm/test/iec60909-elements-pandapower.test.ts reads the committed result;
CI never runs this script.

    PYTHONPATH=/path/to/pandapower /usr/bin/python3 bench/anchors/pandapower-elements.py --write \
        --source-ref "<commit>"
    pnpm exec biome format --write bench/anchors/results

Only what both model alike is in it: the impedance without shunt parts and reciprocal, a feeder
with zero-sequence data, lines with r0/x0 and without charging (pandapower's 1ph keeps c0, IEC
60909 neglects it). No zig-zag transformer, no neutral earthing and no generator zero sequence:
pandapower models them differently (docs/short-circuit.md lists how).

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

DOCUMENT = {
    "schema": "ampflux/network@1",
    "name": "impedance anchor (pandapower)",
    "frequency_hz": 50,
    "buses": [
        {"id": "a", "vn_kv": 20},
        {"id": "b", "vn_kv": 20},
        {"id": "c", "vn_kv": 20},
        {"id": "d", "vn_kv": 20},
    ],
    "external_grids": [
        {"id": "grid", "bus": "a", "s_sc_max_mva": 500, "s_sc_min_mva": 400, "rx_max": 0.1,
         "rx_min": 0.1, "x0x_max": 1.2, "r0x0_max": 0.15, "x0x_min": 1.2, "r0x0_min": 0.15},
    ],
    "impedances": [
        # A reactor-like series impedance on 10 MVA, and a series capacitor-compensated one.
        {"id": "Z1", "from_bus": "a", "to_bus": "b", "sn_mva": 10, "rft_pu": 0.001,
         "xft_pu": 0.0173, "rtf_pu": 0.001, "xtf_pu": 0.0173, "rft0_pu": 0.002, "xft0_pu": 0.05},
        {"id": "Z2", "from_bus": "c", "to_bus": "d", "sn_mva": 25, "rft_pu": 0.004,
         "xft_pu": -0.01, "rtf_pu": 0.004, "xtf_pu": -0.01, "rft0_pu": 0.004, "xft0_pu": -0.01},
    ],
    "lines": [
        {"id": "L1", "from_bus": "b", "to_bus": "c", "length_km": 5, "r_ohm_per_km": 0.16,
         "x_ohm_per_km": 0.35, "c_nf_per_km": 0, "r0_ohm_per_km": 0.5, "x0_ohm_per_km": 1.2,
         "c0_nf_per_km": 0},
        {"id": "L2", "from_bus": "a", "to_bus": "d", "length_km": 12, "r_ohm_per_km": 0.12,
         "x_ohm_per_km": 0.39, "c_nf_per_km": 0, "r0_ohm_per_km": 0.4, "x0_ohm_per_km": 1.3,
         "c0_nf_per_km": 0},
    ],
}

FAULTS = ("3ph", "2ph", "1ph")


def build_net():
    net = pp.create_empty_network(f_hz=DOCUMENT["frequency_hz"])
    idx = {}
    for b in DOCUMENT["buses"]:
        idx[b["id"]] = pp.create_bus(net, vn_kv=b["vn_kv"], name=b["id"])
    for g in DOCUMENT["external_grids"]:
        pp.create_ext_grid(net, idx[g["bus"]], s_sc_max_mva=g["s_sc_max_mva"],
                           s_sc_min_mva=g["s_sc_min_mva"], rx_max=g["rx_max"], rx_min=g["rx_min"],
                           x0x_max=g["x0x_max"], r0x0_max=g["r0x0_max"], x0x_min=g["x0x_min"],
                           r0x0_min=g["r0x0_min"], name=g["id"])
    for z in DOCUMENT["impedances"]:
        pp.create_impedance(net, idx[z["from_bus"]], idx[z["to_bus"]], rft_pu=z["rft_pu"],
                            xft_pu=z["xft_pu"], sn_mva=z["sn_mva"], rtf_pu=z["rtf_pu"],
                            xtf_pu=z["xtf_pu"], rft0_pu=z["rft0_pu"], xft0_pu=z["xft0_pu"],
                            rtf0_pu=z["rft0_pu"], xtf0_pu=z["xft0_pu"], gf_pu=0, bf_pu=0,
                            gt_pu=0, bt_pu=0, gf0_pu=0, bf0_pu=0, gt0_pu=0, bt0_pu=0, name=z["id"])
    for ln in DOCUMENT["lines"]:
        pp.create_line_from_parameters(
            net, idx[ln["from_bus"]], idx[ln["to_bus"]], length_km=ln["length_km"],
            r_ohm_per_km=ln["r_ohm_per_km"], x_ohm_per_km=ln["x_ohm_per_km"],
            c_nf_per_km=ln["c_nf_per_km"], r0_ohm_per_km=ln["r0_ohm_per_km"],
            x0_ohm_per_km=ln["x0_ohm_per_km"], c0_nf_per_km=ln["c0_nf_per_km"], max_i_ka=1,
            endtemp_degree=80, name=ln["id"])
    return net, idx


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--source-ref", default="")
    args = parser.parse_args()
    net, idx = build_net()
    faults = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fault in FAULTS:
            for case in ("max", "min"):
                sc.calc_sc(net, fault=fault, case=case, ip=False)
                for b in DOCUMENT["buses"]:
                    row = net.res_bus_sc.loc[idx[b["id"]]]
                    faults.append({"fault": fault, "case": case, "bus": b["id"],
                                   "ikss_ka": float(row["ikss_ka"])})
    out = {
        "source": "pandapower calc_sc(fault in 3ph/2ph/1ph, case max/min) on every bus",
        "pandapower_version": pp.__version__,
        "source_ref": args.source_ref,
        "python": sys.version.split()[0],
        "date": datetime.date.today().isoformat(),
        "document": DOCUMENT,
        "faults": faults,
    }
    text = json.dumps(out, indent=2)
    if args.write:
        os.makedirs(RESULTS, exist_ok=True)
        with open(os.path.join(RESULTS, "pandapower-elements.json"), "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
