/** The V8 flags `dockwright lint` runs with (see lint-v8-flags.js). */
export declare const LINT_V8_FLAGS: string;
