import type { NodePlopAPI } from 'plop';
import { registerServiceGenerator } from './generators/src/adapters/plop.js';

export default function plopfile(plop: NodePlopAPI): void {
  registerServiceGenerator(plop);
}
