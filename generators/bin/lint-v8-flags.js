// The V8 flags `dockwright lint` runs with. A lint is a short process that runs much of its code
// only a few hundred times. V8's default tier-up budget optimises most of it (on another thread,
// competing for the same cores) and then drops some of that code again: on 200 real Dockerfiles
// that costs more CPU than the optimised code saves (bench:lint). A 16× budget leaves
// optimisation to the really hot code. The budget is a tiering heuristic V8 reads as it goes, so
// it can be set once the process runs, before any lint code does.
export const LINT_V8_FLAGS = '--interrupt-budget=1081344';
