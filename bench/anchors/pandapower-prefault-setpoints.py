#!/usr/bin/env python3
"""A pandapower network with load-flow set-points of every kind the pandapower importer keeps
(ext_grid vm_pu/va_degree, gen p_mw/vm_pu/min_q_mvar/max_q_mvar, sgen p_mw/q_mvar with scaling,
loads), solved by runpp and saved with pandapower.to_json, res_bus included. The test
packages/sim-wasm/test/iec60909-prefault-importer.test.ts imports the file and checks
that AmpFlux's load flow of the imported document gives runpp's voltages, and that the
superposition method runs on it.

    PYTHONPATH=/path/to/pandapower /usr/bin/python3 bench/anchors/pandapower-prefault-setpoints.py

    pnpm exec biome format --write bench/anchors/results

writes bench/anchors/results/pandapower-prefault-setpoints.json (pandapower's own JSON format;
runpp starts from its DC solution: from a flat start pandapower's NR does not converge across
the Dyn5 transformer's 150 degrees, AmpFlux's does, see docs/load-flow.md).
pandapower (https://github.com/e2nIEE/pandapower), BSD-3-Clause, (c) the pandapower developers;
only run here, none of its code is copied.
"""

import os

import typing_extensions

# Debian 12's typing_extensions (4.4) lacks `deprecated`, which newer pandapower imports.
if not hasattr(typing_extensions, "deprecated"):
    typing_extensions.deprecated = lambda *a, **k: (lambda f: f)

import pandapower as pp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "results", "pandapower-prefault-setpoints.json")


def main():
    net = pp.create_empty_network(name="prefault set-points", f_hz=50)
    hv = pp.create_bus(net, 110, name="hv")
    mv = pp.create_bus(net, 20, name="mv")
    b1 = pp.create_bus(net, 20, name="b1")
    b2 = pp.create_bus(net, 20, name="b2")
    pp.create_ext_grid(net, hv, vm_pu=1.02, va_degree=5, s_sc_max_mva=3000, s_sc_min_mva=2500,
                       rx_max=0.1, rx_min=0.1)
    pp.create_transformer_from_parameters(
        net, hv, mv, sn_mva=40, vn_hv_kv=110, vn_lv_kv=20, vk_percent=12, vkr_percent=0.5,
        pfe_kw=0, i0_percent=0, shift_degree=150, vector_group="Dyn5", tap_side="hv", tap_pos=-1,
        tap_neutral=0, tap_min=-9, tap_max=9, tap_step_percent=1.5, tap_step_degree=0,
        tap_changer_type="Ratio", name="T")
    for name, a, b, km in (("L1", mv, b1, 5), ("L2", b1, b2, 4), ("L3", mv, b2, 6)):
        pp.create_line_from_parameters(net, a, b, length_km=km, r_ohm_per_km=0.16,
                                       x_ohm_per_km=0.35, c_nf_per_km=250, max_i_ka=0.4, name=name)
    pp.create_load(net, b1, p_mw=9, q_mvar=3, name="P1")
    pp.create_load(net, b2, p_mw=7, q_mvar=2, name="P2", scaling=0.8)
    pp.create_gen(net, b2, p_mw=6, vm_pu=1.01, sn_mva=10, min_q_mvar=-5, max_q_mvar=5, name="G",
                  xdss_pu=0.2, rdss_ohm=0.5, cos_phi=0.85)
    pp.create_sgen(net, b1, p_mw=2, q_mvar=0.4, sn_mva=3, k=1.2, scaling=0.5, name="PV")
    pp.runpp(net, algorithm="nr", init="dc", tolerance_mva=1e-10, calculate_voltage_angles=True,
             trafo_model="pi")
    pp.to_json(net, OUT)
    print(net.res_bus)


if __name__ == "__main__":
    main()
