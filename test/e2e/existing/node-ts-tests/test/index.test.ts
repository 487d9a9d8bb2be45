import { server } from '../src/index';

// Type-checked by the build (tsconfig includes test/): its presence sets tsc's root folder.
export const listening: boolean = server.listening;
