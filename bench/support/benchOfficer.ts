/** The `sub` of the benchmark's caller, on the case teams of the people it asks for. */
export const BENCH_OFFICER = 'probation-po-bench';
