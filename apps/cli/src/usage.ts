// The help texts of `ampflux`, of `ampflux study` (also `pnpm sc`), of `ampflux loadflow` and of
// `ampflux labels`.

import { FAULT_TYPES } from "@ampflux/contracts";
import { exportFormatSchema, importFormatSchema } from "@ampflux/contracts/importers";

const importFormats = importFormatSchema.options.join("|");
const exportFormats = exportFormatSchema.options.join("|");
const faults = FAULT_TYPES.join("|");

export const SYNOPSIS = "usage: ampflux <command> [flags]   (ampflux --help lists the commands)";

export const STUDY_SYNOPSIS =
  `usage: ampflux study <file> [--fault ${faults}] [--case max|min] [--kappa B|C] ` +
  "[--tmin S] [--tk S] [--r-fault OHM] [--x-fault OHM] [--bus ID…] [--line-fault LINE@POSITION…] [--branches] [--duty] [--duty-current bus|through] " +
  "[--arc-flash] [--arc-flash-max-duration S|none] [--prefault iec60909|load-flow] [--explain BUS] [--n-1 all|ID,ID…] [--seq FILE.seq] " +
  "[--labels FILE.pdf|FILE.svg [--layout page|sheet] [--paper A4|Letter]] " +
  "[--default-type COLLECTION=TYPE…] [--format table|csv|json]";

export const LOADFLOW_SYNOPSIS =
  "usage: ampflux loadflow <file> [--algorithm nr|fdxb|fdbx|dc] [--format table|csv|json] [--tol PU] " +
  "[--max-iter N] [--q-limits] [--flat]";

export const LABELS_SYNOPSIS =
  "usage: ampflux labels <result.json> --out FILE.pdf|FILE.svg [--layout page|sheet] [--paper A4|Letter] " +
  "[--project NAME] [--network NAME] [--date YYYY-MM-DD] [--bus ID…]\n" +
  "       ampflux labels --simulation ID --project ID --out FILE.pdf|FILE.svg [flags]";

export const ARC_FLASH_SYNOPSIS =
  "usage: ampflux arc-flash --cases FILE.jsonl|-\n" +
  "       ampflux arc-flash --voc-kv KV --ibf-ka KA --config VCB|VCBB|HCB|VOA|HOA --gap-mm MM " +
  "--distance-mm MM [--height-mm MM --width-mm MM --depth-mm MM] --time-ms MS [--time-reduced-ms MS] [--json]";

export const HELP = `usage: ampflux <command> [flags]

AmpFlux from the command line: studies on this machine, and the AmpFlux api.

On this machine (no server, no API key):
  study <file> [--fault ${faults}] [--case max|min] [--kappa B|C] [--tmin S] [--tk S]
        [--r-fault OHM] [--x-fault OHM] [--bus ID…] [--line-fault LINE@POSITION…] [--branches] [--duty] [--duty-current bus|through]
        [--arc-flash] [--arc-flash-max-duration S|none] [--labels FILE.pdf|FILE.svg]
        [--prefault iec60909|load-flow] [--explain BUS] [--default-type COLLECTION=TYPE…] [--format table|csv|json]
                                        IEC 60909 short-circuit study of a MATPOWER case,
                                        pandapower JSON, PSS/E RAW v33 or AmpFlux network file
                                        (told apart by content), with --duty each rated
                                        element's duty against its rating, with --arc-flash
                                        IEEE 1584-2018 incident energy; ampflux study --help
                                        explains the flags. Also \`pnpm sc <file>\`.
  loadflow <file> [--algorithm nr|fdxb|fdbx|dc] [--format table|csv|json] [--tol PU] [--max-iter N] [--q-limits] [--flat]
                                        AC load flow (Newton–Raphson) of the same files: bus
                                        voltages, branch flows, losses; ampflux loadflow --help
  arc-flash --cases FILE.jsonl|-        IEEE 1584-2018 incident energy calculator, one JSON case
                                        per line in, one JSON result per line out; or one case
                                        from flags (--voc-kv … --time-ms …) as a table of every
                                        intermediate; ampflux arc-flash --help
  labels <result.json> --out FILE.pdf|FILE.svg [--layout page|sheet] [--paper A4|Letter]
         [--project NAME] [--network NAME] [--date YYYY-MM-DD] [--bus ID…]
                                        arc-flash labels (IEEE 1584-2018 results, NFPA 70E
                                        content, ANSI Z535 style) of a study result with
                                        arc_flash, as PDF or SVG; with --simulation ID
                                        --project ID from a stored study (needs the api);
                                        ampflux labels --help

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
  simulate --project ID --kind load-flow [--version N] [--algorithm A] [--tol PU] [--max-iter N] [--q-limits] [--flat] [--wait]
                                        starts an IEC 60909 short-circuit study (default: latest
                                        version, 3ph, max, every bus); prints its id; --wait shows
                                        its progress and fails unless it succeeds
  results export <simulation-id> --project ID [--format csv|json] [--out FILE]
                                        a finished study's result: per-bus table (csv, default) or
                                        the whole result (json)
  report <simulation-id> --project ID --out FILE.pdf [--paper A4|Letter] [--branches]
         [--html FILE.html]             a signable study report (cover, inputs, one-line diagram,
                                        results, duty, arc flash, methods, revision history,
                                        approval block) rendered by the api's worker; shows its
                                        progress, writes the PDF (and the HTML page); prints
                                        the report id, the PDF's bytes and the content hash of
                                        its inputs; --branches adds the per-branch results the
                                        study computed
  report --list --project ID            the project's reports, newest first: id, study, version,
                                        status, current or outdated, signatures

Operators (on the product database: need DATABASE_URL; docs/deployment.md):
  companies list [--format json]        every company: id, name, users and its licence
  companies create <name> [--admin EMAIL] [licence flags]
                                        a company with a licence; --admin prints a sign-up link
                                        that makes EMAIL its first company admin (APP_URL)
  licence set <company> [licence flags] changes the licence of a company (id or exact name)
  licence flags: --plan free|professional|enterprise  --status active|suspended|expired
                 --max-projects N  --max-buses N  --batch-studies on|off
                 --ai-tokens N (0: no assistant)  --ends YYYY-MM-DD|never
  jobs failed [--format json]           the worker's dead letters: jobs that used their last
                                        attempt (id, task, study, project, company, last error)
  jobs retry <job-id ...>|--all-failed [--format json]
                                        queues failed jobs again with their attempts reset; a
                                        failed study goes back to queued (docs/operations.md)

Results go to stdout (or --out), progress and notes to stderr.
Exit codes: 0 success, 1 refused by the api or invalid input, 2 invalid command line.
`;

export const STUDY_HELP = `${STUDY_SYNOPSIS}

IEC 60909-0:2016 short-circuit study computed on this machine by the simulation core. The file is
a MATPOWER case, a pandapower network (to_json), a PSS/E RAW case (versions 32 to 35), an IEEE
Common Data Format case or an AmpFlux network document, told apart by its content; what an import
mapped, assumed or dropped goes to stderr.

  --seq FILE  the PSS/E sequence data (.seq) of the RAW case: machine, branch and transformer
              zero sequence data for the unbalanced faults

  --fault     fault type (default 3ph)
  --case      max: equipment rating (c_max); min: protection settings (c_min)   (default max)
  --kappa     peak factor method B or C (default C)
  --tmin S    minimum time delay for the breaking current Ib, seconds (default 0.1)
  --r-fault OHM, --x-fault OHM
              fault impedance Zf = R + jX in ohm (default 0: IEC 60909's bolted fault):
              in series for 3ph, between the phases for 2ph, 3·Zf to earth for earth faults;
              κ from the loop's R/X, Ib = I''k; not with --duty or --arc-flash
  --tk S      fault duration for the thermal current Ith, seconds (default 1)
  --bus ID    fault only this bus; repeat for more (default: every bus)
  --line-fault LINE@POSITION
              a fault along line LINE at POSITION of its length from its from_bus (0.3 or
              30%), without editing the network; repeat for more; bus faults then only for
              the --bus given
  --branches  also print branch-end currents for each --bus and --line-fault
  --explain BUS
              why BUS's results are what they are, instead of the results: c and its
              IEC 60909-0 Table 1 row, Z(1)/Z(2)/Z(0), the fault type's formula, each
              source's partial current with its K factors, κ, μ/q per machine, m/n, the
              branch currents (text, or --format json); not with --bus, --line-fault,
              --branches, --duty, --arc-flash
  --n-1 all|ID,ID…
              N-1 screening instead of one study: I''k at every bus with each in-service
              line, transformer and impedance out in turn (all, or the branches listed),
              exact rank-1 updates of one factorization; per bus the worst current (max case:
              the highest; min case: the lowest), the outage that gives it (none: the intact
              network) and the intact I''k; every fault type; three-winding transformers and
              converter sources are reported as not covered (docs/short-circuit.md, "N-1")
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
  --prefault iec60909|load-flow
              pre-fault voltages: iec60909, the equivalent voltage source c·Un/√3 (default);
              load-flow, the voltages of a Newton–Raphson load flow of the file's set-points
              (superposition method: no c, no K_T/K_G/K_S, loads as impedances, branch
              currents include the load current); a load flow that does not converge is an
              error (docs/short-circuit.md, "Pre-fault voltages from a load flow")
  --labels FILE.pdf|FILE.svg
              with --arc-flash, also write a printable label per bus with a number, as
              \`ampflux labels\` does (PDF: --layout page|sheet, --paper A4|Letter; SVG: one file,
              or FILE-<bus>.svg each for several buses); the labels name the network file as
              the project, the document's name as the network and today as the study date
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

Load flow computed on this machine by the simulation core (Newton–Raphson by default): per bus |V| (pu),
angle (degrees), P and Q drawn; per branch end P, Q, current and loading; losses; what each
source feeds; and the convergence report. Files as for \`ampflux study\`. External grids are
slack buses, generators PV buses at their vm_pu with p_mw, loads constant P and Q.

  --algorithm   nr (default): Newton–Raphson; fdxb, fdbx: fast-decoupled, XB or BX version
                (same solution, more but cheaper iterations); dc: DC approximation (|V| = 1,
                r ignored, linearized angles; Q, losses and reactive limits 0/not modelled)
  --format      table (default), csv or json (buses in the file's order, then branches)
  --tol PU      convergence when every |ΔP|, |ΔQ| ≤ PU, per unit on 100 MVA (default 1e-8)
  --max-iter N  iterations before giving up (default 10 for nr, 30 for fdxb/fdbx, 1 for dc)
  --q-limits    hold generators within q_min_mvar..q_max_mvar (PV buses become PQ at a limit)
  --flat        start from 1 pu and the slack's angle (default: the file's stored voltages
                where it has them, as MATPOWER does)

A load flow that does not converge prints its results with converged false and exits 3.
Exit codes: 0 converged, 1 invalid input or network, 2 invalid command line, 3 not converged.
`;

export const LABELS_HELP = `${LABELS_SYNOPSIS}

Printable arc-flash labels, one per bus with an arc-flash number, from a study result with
arc_flash: the JSON of \`ampflux study FILE --arc-flash --format json\`, of \`ampflux results
export ID --project ID --format json\`, or a stored study holding it under "result". Each label
shows WARNING or DANGER, the incident energy at the working distance (cal/cm² and J/cm²), the
arc-flash boundary, the PPE, the nominal voltage, the limited and restricted approach
boundaries, the equipment, which case and device set the energy, and the study
(docs/arc-flash-labels.md). Buses without a number are listed on stderr with the reason.

  --out FILE      FILE.pdf: one PDF; FILE.svg: one SVG for one label, else one file per bus,
                  FILE-<bus>.svg (characters other than letters, digits, . _ - become _)
  --layout        page: one label per page at its printed size, 6 × 4 in (default);
                  sheet: four per landscape sheet, scaled to fit (PDF only)
  --paper         A4 (default) or Letter (PDF only)
  --project NAME  the project named on the labels (with --simulation: the project's id; the
                  labels then carry its name from the api)
  --network NAME  the network (and version) named on the labels
  --date DAY      the study's date, YYYY-MM-DD (default: the day the stored study finished, or
                  today for a file)
  --bus ID        label only this bus; repeat for more, in that order
  --simulation ID a stored study (needs AMPFLUX_API_KEY and AMPFLUX_URL, --project ID); the
                  labels carry the bus names and the network name and version of the study
                  (--network and --date override those)

Without --project, --network or --date on a file, the labels say "project not given",
"network not given" and today's date, and stderr says so. A file's labels name buses by id
(a study result has no names); a stored study's by name and id.
Exit codes: 0 success, 1 invalid input or no bus with a number, 2 invalid command line.
`;

export const ARC_FLASH_HELP = `${ARC_FLASH_SYNOPSIS}

IEEE 1584-2018 arc-flash incident energy, computed on this machine by the simulation core like
IEEE's own calculator spreadsheet: the arcing current and the reduced arcing current (VarCF),
the enclosure size correction, the incident energy and the arc-flash boundary of each, the
larger energy in cal/cm² and its PPE category (NFPA 70E).

--cases FILE.jsonl  one JSON object per line (- reads stdin), with
                      voc_kv, ibf_ka, config (VCB, VCBB, HCB, VOA, HOA), gap_mm, distance_mm,
                      height_mm, width_mm, depth_mm (not needed in open air: VOA, HOA),
                      time_ms (arc duration), time_reduced_ms (reduced current; default time_ms)
                    and prints one JSON object per line in the same order: "line", iarc_ka,
                    e_j_cm2, afb_mm, iarc_min_ka, e_min_j_cm2, afb_min_mm, varcf, cf, enclosure,
                    governing, energy_cal_cm2, ppe. A line that is not JSON, has a bad field or
                    lies outside the model's range (§4.2: 0.208–15 kV, Ibf, gap, distance ≥ 305 mm,
                    width ≥ 4 × gap) prints {"line": N, "error": "...", "field": "..."} instead
                    (field null when the line is not JSON) and the others are still computed.
                    Blank lines are skipped.
Single point: --voc-kv --ibf-ka --config --gap-mm --distance-mm [--height-mm --width-mm
                    --depth-mm] --time-ms [--time-reduced-ms]: every intermediate (Annex D's
                    steps) as a table, or as JSON with --json.

Units: kV, kA, mm, ms; energies in J/cm² (and cal/cm², 1 cal = 4.184 J).
Exit codes: 0 success, 1 a case failed or invalid input, 2 invalid command line.
`;
