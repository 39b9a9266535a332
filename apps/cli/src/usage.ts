// The help texts of `ampflux`, of `ampflux study` (also `pnpm sc`) and of `ampflux loadflow`.

import { FAULT_TYPES } from "@ampflux/contracts";
import { exportFormatSchema, importFormatSchema } from "@ampflux/contracts/importers";

const importFormats = importFormatSchema.options.join("|");
const exportFormats = exportFormatSchema.options.join("|");
const faults = FAULT_TYPES.join("|");

export const SYNOPSIS = "usage: ampflux <command> [flags]   (ampflux --help lists the commands)";

export const STUDY_SYNOPSIS =
  `usage: ampflux study <file> [--fault ${faults}] [--case max|min] [--kappa B|C] ` +
  "[--tmin S] [--tk S] [--bus ID…] [--branches] [--duty] [--duty-current bus|through] " +
  "[--arc-flash] [--arc-flash-max-duration S|none] [--default-type COLLECTION=TYPE…] [--format table|csv|json]";

export const LOADFLOW_SYNOPSIS =
  "usage: ampflux loadflow <file> [--format table|csv|json] [--tol PU] [--max-iter N] [--q-limits] [--flat]";

export const HELP = `usage: ampflux <command> [flags]

AmpFlux from the command line: studies on this machine, and the AmpFlux api.

On this machine (no server, no API key):
  study <file> [--fault ${faults}] [--case max|min] [--kappa B|C] [--tmin S] [--tk S]
        [--bus ID…] [--branches] [--duty] [--duty-current bus|through]
        [--arc-flash] [--arc-flash-max-duration S|none]
        [--default-type COLLECTION=TYPE…] [--format table|csv|json]
                                        IEC 60909 short-circuit study of a MATPOWER case,
                                        pandapower JSON, PSS/E RAW v33 or AmpFlux network file
                                        (told apart by content), with --duty each rated
                                        element's duty against its rating, with --arc-flash
                                        IEEE 1584-2018 incident energy; ampflux study --help
                                        explains the flags. Also \`pnpm sc <file>\`.
  loadflow <file> [--format table|csv|json] [--tol PU] [--max-iter N] [--q-limits] [--flat]
                                        AC load flow (Newton–Raphson) of the same files: bus
                                        voltages, branch flows, losses; ampflux loadflow --help

With the api: need AMPFLUX_API_KEY (create one in the web app under Account → API keys) and
AMPFLUX_URL (default http://127.0.0.1:3001).
  projects list                         projects you can see: id, role, name
  projects create <name> [--description TEXT]
                                        creates a project you own; prints its id
  circuits import <file> --project ID [--format ${importFormats}] [--message TEXT] [--base N]
                                        saves a network file as the project's next version (on top
                                        of the latest unless --base); prints the version number
  circuits export --project ID [--version N] [--format ${exportFormats}] [--out FILE]
                                        a version (default: the latest) in that format (default:
                                        ampflux, the network document as JSON)
  simulate --project ID [--version N] [--fault ${faults}] [--case max|min] [--bus ID…] [--wait]
                                        starts an IEC 60909 short-circuit study (default: latest
                                        version, 3ph, max, every bus); prints its id; --wait shows
                                        its progress and fails unless it succeeds
  results export <simulation-id> --project ID [--format csv|json] [--out FILE]
                                        a finished study's result: per-bus table (csv, default) or
                                        the whole result (json)

Results go to stdout (or --out), progress and notes to stderr.
Exit codes: 0 success, 1 refused by the api or invalid input, 2 invalid command line.
`;

export const STUDY_HELP = `${STUDY_SYNOPSIS}

IEC 60909-0:2016 short-circuit study computed on this machine by the simulation core. The file is
a MATPOWER case, a pandapower network (to_json), a PSS/E RAW v33 case or an AmpFlux network
document, told apart by its content; what an import mapped, assumed or dropped goes to stderr.

  --fault     fault type (default 3ph)
  --case      max: equipment rating (c_max); min: protection settings (c_min)   (default max)
  --kappa     peak factor method B or C (default C)
  --tmin S    minimum time delay for the breaking current Ib, seconds (default 0.1)
  --tk S      fault duration for the thermal current Ith, seconds (default 1)
  --bus ID    fault only this bus; repeat for more (default: every bus)
  --branches  also print branch-end currents for each --bus
  --duty      also check every switch, and every switchboard (bus), cable (line) and
              transformer with a type or a rating, against its ratings: breaking (sym and
              asym), making, short time, peak withstand, cable I²t ≤ k²S², through fault;
              status ok ≤ 90 %, warning 90–100 %, overdutied > 100 %, missing rating
              (max case only; docs/duty.md cites the clauses)
  --duty-current bus|through
              the current a device is checked with: bus, the total fault current at its bus
              (default, conservative); through, the largest current through it for a fault
              on either side
  --arc-flash IEEE 1584-2018 arc flash at every bus from the 3ph currents (fault 3ph implied):
              arcing currents, clearing times of the switches' protection (the nearest
              protected switch on each path to the sources, or the bus's arc_flash.devices),
              incident energy, arc-flash boundary, PPE category; missing equipment data come
              from the standard's typical values and are listed (docs/arc-flash.md)
  --arc-flash-max-duration S|none
              longest arc duration in seconds when no device clears the arc in time (default
              2, IEEE 1584-2018 §6.9.1); none: no cap, such buses get no result
  --default-type COLLECTION=TYPE
              give every element of COLLECTION (buses, lines, transformers, switches) that
              names no type the built-in type TYPE, e.g.
              --default-type buses="Switchgear 40 kA 1 s (IEC 62271-200)"; the elements' own
              values still win, the type fills only what they leave unset; repeat for more
  --format    table (default), csv or json; with --duty the table ends with the checks worst
              first and a count per status, csv adds a block of checks after a blank line, json
              has them in "duty"; --arc-flash likewise adds its table, CSV block and "arc_flash"

Exit codes: 0 success, 1 invalid input or network, 2 invalid command line. An overdutied check
is a finding, not an error: the exit code stays 0.
`;

export const LOADFLOW_HELP = `${LOADFLOW_SYNOPSIS}

AC load flow by Newton–Raphson computed on this machine by the simulation core: per bus |V| (pu),
angle (degrees), P and Q drawn; per branch end P, Q, current and loading; losses; what each
source feeds; and the convergence report. Files as for \`ampflux study\`. External grids are
slack buses, generators PV buses at their vm_pu with p_mw, loads constant P and Q.

  --format      table (default), csv or json (buses in the file's order, then branches)
  --tol PU      convergence when every |ΔP|, |ΔQ| ≤ PU, per unit on 100 MVA (default 1e-8)
  --max-iter N  Newton steps before giving up (default 10)
  --q-limits    hold generators within q_min_mvar..q_max_mvar (PV buses become PQ at a limit)
  --flat        start from 1 pu and the slack's angle (default: the file's stored voltages
                where it has them, as MATPOWER does)

A load flow that does not converge prints its results with converged false and exits 3.
Exit codes: 0 converged, 1 invalid input or network, 2 invalid command line, 3 not converged.
`;
