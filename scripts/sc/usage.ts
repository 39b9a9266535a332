// The help text of `pnpm sc`.

export const SYNOPSIS =
  "usage: pnpm sc <network.json|case.m> [--fault 3ph|2ph|1ph|2ph_earth] [--case max|min] [--kappa B|C] " +
  "[--tmin S] [--tk S] [--bus ID…] [--branches] [--format json|csv|table]";

export const HELP = `${SYNOPSIS}

IEC 60909-0:2016 short-circuit study of a network document (JSON) or a MATPOWER case (.m),
computed locally by the simulation core.

  --fault     fault type (default 3ph)
  --case      max: equipment rating (c_max); min: protection settings (c_min)   (default max)
  --kappa     peak factor method B or C (default C)
  --tmin S    minimum time delay for the breaking current Ib, seconds (default 0.1)
  --tk S      fault duration for the thermal current Ith, seconds (default 1)
  --bus ID    fault only this bus; repeat for more (default: every bus)
  --branches  also print branch-end currents for each --bus
  --format    table (default), csv or json

Exit codes: 0 success, 1 invalid input or network, 2 invalid command line.
`;
