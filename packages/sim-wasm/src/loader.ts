// Instantiates ampflux_sim.wasm in Node (read from disk) or in a browser (fetched by URL).
// The module imports nothing: the Rust crate is built without wasm-bindgen.
// WebAssembly's types live in the DOM lib, which Node-only consumers do not load themselves.
/// <reference lib="dom" />

/** Raw exports of rust/src/ffi.rs; pointers and lengths are plain numbers (wasm32). */
export interface SimExports {
  memory: WebAssembly.Memory;
  /** Where the allocator's heap starts: static data and the stack lie below it (wasm-ld). */
  __heap_base: WebAssembly.Global;
  ampflux_abi_version(): number;
  ampflux_alloc(bytes: number): number;
  ampflux_free(ptr: number, bytes: number): void;
  ampflux_complex_abs(values: number, n: number, out: number): void;
  ampflux_error_code(): number;
  ampflux_error_column(): number;
  ampflux_error_message_ptr(): number;
  ampflux_error_message_len(): number;
  ampflux_csc_from_triplets(
    n: number,
    count: number,
    rows: number,
    cols: number,
    values: number,
    outColPtr: number,
    outRowIdx: number,
    outValues: number,
  ): number;
  /** Returns a solver handle (> 0) or 0 on error. */
  ampflux_analyze(n: number, colPtr: number, colPtrLen: number, rowIdx: number, nnz: number): number;
  ampflux_factorize(handle: number, values: number, count: number, pivotTolerance: number): number;
  ampflux_keep_triplet_slots(handle: number, count: number, rows: number, cols: number): number;
  /** 0: summed into `out`; −1: not the kept structure (compress in full); > 0: an error code. */
  ampflux_scatter_triplets(
    handle: number,
    count: number,
    rows: number,
    cols: number,
    values: number,
    out: number,
    nnz: number,
  ): number;
  ampflux_solve(handle: number, rhs: number, count: number): number;
  ampflux_inverse_column(handle: number, col: number, out: number, count: number): number;
  ampflux_selected_inverse(
    handle: number,
    diag: number,
    diagCount: number,
    patternOut: number,
    patternCount: number,
  ): number;
  ampflux_solver_stats(handle: number, out: number): number;
  ampflux_free_solver(handle: number): number;
  ampflux_release_factors(handle: number): number;
  ampflux_iec_voltage_factor(vnKv: number, lvTolerance10: number, which: number): number;
  ampflux_iec_k_t(cMax: number, xTPu: number): number;
  ampflux_iec_k_g(unKv: number, urgKv: number, cMax: number, xdssPu: number, sinPhi: number): number;
  ampflux_iec_k_s(
    unqKv: number,
    urgKv: number,
    urLvKv: number,
    urHvKv: number,
    cMax: number,
    xdssPu: number,
    xTPu: number,
    sinPhi: number,
  ): number;
  ampflux_iec_k_so(
    unqKv: number,
    urgKv: number,
    pG: number,
    urLvKv: number,
    urHvKv: number,
    tapFactor: number,
    cMax: number,
    xdssPu: number,
    sinPhi: number,
  ): number;
  /** μ (eq. 70), q (eq. 73), m (eq. A.1): added after ABI 8, absent from older builds. */
  ampflux_iec_mu?(ikssOverIr: number, tMinS: number): number;
  ampflux_iec_q?(mwPerPolePair: number, tMinS: number): number;
  ampflux_iec_m_factor?(kappa: number, fHz: number, tkS: number): number;
  ampflux_sc_bus_results(
    n: number,
    fault: number,
    kappaMethod: number,
    fHz: number,
    tkS: number,
    rxFlag: number,
    z1: number,
    z2: number,
    z0: number,
    zPeak: number,
    c: number,
    sourceVolts: number,
    lowVoltage: number,
    decay: number,
    zf: number,
    out: number,
  ): number;
  ampflux_sc_breaking_decay(
    handle: number,
    n: number,
    zff: number,
    c: number,
    tMinS: number,
    count: number,
    bus: number,
    z: number,
    iRated: number,
    mwPerPolePair: number,
    out: number,
  ): number;
  /** rust/src/ffi_iec60909.rs: N-1 screening of diag Z by rank-1 updates. */
  ampflux_sc_outage_screening(
    handle: number,
    n: number,
    zff: number,
    c: number,
    pre: number,
    fault: number,
    zeroHandle: number,
    n0: number,
    z0ff: number,
    pre0: number,
    zeroOf: number,
    count: number,
    flags: number,
    cuts: number,
    zeroCuts: number,
    removed: number,
    termCount: number,
    termEnds: number,
    termRatio: number,
    termY: number,
    termUpdate: number,
    unfedStart: number,
    unfedNodes: number,
    zeroCount: number,
    zeroEnds: number,
    zeroRatio: number,
    zeroY: number,
    zeroUpdate: number,
    zeroUnfedStart: number,
    zeroUnfedNodes: number,
    highest: number,
    outBase: number,
    outWorst: number,
    outOutage: number,
    outChange: number,
    outAt: number,
    outUnfed: number,
    outLast: number,
  ): number;
  /** rust/src/ffi_loadflow.rs: Newton–Raphson load flow of a per-unit model. */
  ampflux_lf_solve(
    n: number,
    m: number,
    buses: number,
    branches: number,
    tol: number,
    maxIter: number,
    flatStart: number,
    qLimits: number,
    /** 0 nr, 1 fdxb, 2 fdbx, 3 dc. */
    algorithm: number,
    busOut: number,
    branchOut: number,
    summary: number,
  ): number;
  /** rust/src/ffi_duty.rs: the duty kernels, vectorised over checks. */
  ampflux_duty_breaking(
    n: number,
    fHz: number,
    ikss: number,
    ib: number,
    rOverX: number,
    tOpS: number,
    tauS: number,
    isc: number,
    out: number,
  ): number;
  ampflux_duty_short_time(n: number, tkS: number, ratingKa: number, ratingS: number, out: number): number;
  ampflux_duty_cable(n: number, tkS: number, ithKa: number, k: number, sMm2: number, out: number): number;
  /** rust/src/ffi_arcflash.rs: the IEEE 1584-2018 model, vectorised over rows. */
  ampflux_arcflash_currents(
    n: number,
    vocKv: number,
    ibfKa: number,
    config: number,
    gapMm: number,
    distanceMm: number,
    heightMm: number,
    widthMm: number,
    depthMm: number,
    out: number,
    rowStatus: number,
  ): number;
  ampflux_arcflash_energies(
    n: number,
    vocKv: number,
    ibfKa: number,
    config: number,
    gapMm: number,
    distanceMm: number,
    heightMm: number,
    widthMm: number,
    depthMm: number,
    currents: number,
    timeMs: number,
    timeMinMs: number,
    out: number,
    enclosure: number,
    rowStatus: number,
  ): number;
  /** rust/src/ffi_protection.rs: total clearing times of protective devices. */
  ampflux_protection_trip_times(
    n: number,
    currentKa: number,
    clearingMs: number,
    inverseCurve: number,
    inversePickupKa: number,
    inverseTms: number,
    definitePickupKa: number,
    definiteDelayMs: number,
    instantaneousPickupKa: number,
    instantaneousDelayMs: number,
    openingMs: number,
    pointStart: number,
    pointCount: number,
    pointKa: number,
    pointMs: number,
    out: number,
  ): number;
  ampflux_sc_source_voltage(
    handle: number,
    n: number,
    count: number,
    bus: number,
    current: number,
    out: number,
  ): number;
}

/** The ABI this loader speaks; must equal `ffi::ABI_VERSION` in the crate. */
export const EXPECTED_ABI_VERSION = 11;

const wasmUrl = new URL("../wasm/ampflux_sim.wasm", import.meta.url);

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";

async function compileModule(): Promise<WebAssembly.Module> {
  if (isNode && wasmUrl.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return WebAssembly.compile(await readFile(wasmUrl));
  }
  return WebAssembly.compileStreaming(fetch(wasmUrl));
}

let modulePromise: Promise<WebAssembly.Module> | undefined;

/** A fresh instance (own linear memory) of the compiled module; compiled once per process. */
export async function instantiateSim(): Promise<SimExports> {
  modulePromise ??= compileModule();
  const instance = await WebAssembly.instantiate(await modulePromise, {});
  const exports = instance.exports as unknown as SimExports;
  const abi = exports.ampflux_abi_version();
  if (abi !== EXPECTED_ABI_VERSION) {
    throw new Error(
      `ampflux_sim.wasm speaks ABI ${abi}, this loader expects ${EXPECTED_ABI_VERSION}: rebuild it`,
    );
  }
  return exports;
}
