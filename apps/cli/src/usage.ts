// The help text of `ampflux`.

import { FAULT_TYPES } from "@ampflux/contracts";
import { exportFormatSchema, importFormatSchema } from "@ampflux/contracts/importers";

const importFormats = importFormatSchema.options.join("|");
const exportFormats = exportFormatSchema.options.join("|");

export const SYNOPSIS = "usage: ampflux <command> [flags]   (ampflux --help lists the commands)";

export const HELP = `usage: ampflux <command> [flags]

The AmpFlux api from the command line. Needs AMPFLUX_API_KEY (create one in the web app under
Account → API keys) and AMPFLUX_URL (default http://127.0.0.1:3001).

  projects list                         projects you can see: id, role, name
  projects create <name> [--description TEXT]
                                        creates a project you own; prints its id
  circuits import <file> --project ID [--format ${importFormats}] [--message TEXT] [--base N]
                                        saves a network file as the project's next version (on top
                                        of the latest unless --base); prints the version number
  circuits export --project ID [--version N] [--format ${exportFormats}] [--out FILE]
                                        a version (default: the latest) in that format (default:
                                        ampflux, the network document as JSON)
  simulate --project ID [--version N] [--fault ${FAULT_TYPES.join("|")}] [--case max|min] [--bus ID…] [--wait]
                                        starts an IEC 60909 short-circuit study (default: latest
                                        version, 3ph, max, every bus); prints its id; --wait shows
                                        its progress and fails unless it succeeds
  results export <simulation-id> --project ID [--format csv|json] [--out FILE]
                                        a finished study's result: per-bus table (csv, default) or
                                        the whole result (json)

Results go to stdout (or --out), progress and notes to stderr.
Exit codes: 0 success, 1 refused by the api or invalid input, 2 invalid command line.
`;
