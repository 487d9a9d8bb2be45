/**
 * Loading and rendering the templates in templates/. Handlebars runs with escaping off (the
 * output is Dockerfiles and source, not HTML) and strict variables (a missing value is an error,
 * never an empty string in a Dockerfile).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { SKELETON_REGISTRIES, readSkeletonVersions } from './skeleton-versions.js';

const TEMPLATE_SUFFIX = '.hbs';
const SHARED_PARTIALS = '_shared/partials';

/** templates/ sits beside the package when published, one level up in this repository. */
export function templatesRoot(): string {
  const packageDir = fileURLToPath(new URL('../../', import.meta.url));
  const candidates = [join(packageDir, 'templates'), join(packageDir, '..', 'templates')];
  const found = candidates.find((dir) => existsSync(join(dir, SHARED_PARTIALS)));
  if (!found) throw new Error(`dockwright templates not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface RenderedFile {
  /** Output path relative to the folder the template was listed from, POSIX-style. */
  readonly path: string;
  readonly content: string;
}

/** A template file; its path may hold Handlebars expressions too (e.g. a route folder). */
export type TemplateFile = (context: object) => RenderedFile;

export class TemplateSet {
  private readonly handlebars = Handlebars.create();

  constructor(private readonly root: string = templatesRoot()) {
    this.handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);
    const versions = readSkeletonVersions(root);
    for (const registry of SKELETON_REGISTRIES) {
      this.handlebars.registerHelper(registry, (name: unknown) => {
        const version = typeof name === 'string' ? versions[registry][name] : undefined;
        if (!version) throw new Error(`skeleton-versions.json has no ${registry} version for ${String(name)}`);
        return version;
      });
    }
    for (const file of listFiles(join(root, SHARED_PARTIALS))) {
      const name = file.slice(0, -TEMPLATE_SUFFIX.length);
      this.handlebars.registerPartial(name, readFileSync(join(root, SHARED_PARTIALS, file), 'utf8'));
    }
  }

  /** One template, e.g. "python/Dockerfile.hbs". */
  file(templatePath: string): TemplateFile {
    return this.load(join(this.root, templatePath), templatePath);
  }

  /** Every file under a folder (none when it does not exist); .hbs files render, others are copied as they are. */
  folder(folderPath: string): TemplateFile[] {
    const dir = join(this.root, folderPath);
    if (!existsSync(dir)) return [];
    return listFiles(dir).map((file) => this.load(join(dir, file), file));
  }

  /** One shared partial by name (e.g. "probes/node-http"), rendered on its own. */
  partial(name: string): (context: object) => string {
    return this.compile(`{{> ${JSON.stringify(name)}}}`);
  }

  private load(absolutePath: string, relativePath: string): TemplateFile {
    const source = readFileSync(absolutePath, 'utf8');
    const isTemplate = relativePath.endsWith(TEMPLATE_SUFFIX);
    const renderPath = this.compile(isTemplate ? relativePath.slice(0, -TEMPLATE_SUFFIX.length) : relativePath);
    const renderContent = isTemplate ? this.compile(source) : () => source;
    return (context) => ({ path: renderPath(context), content: renderContent(context) });
  }

  private compile(source: string): (context: object) => string {
    return this.handlebars.compile(source, { strict: true, noEscape: true });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(dir, entry)).isFile())
    .map((entry) => relative(dir, join(dir, entry)).split(sep).join('/'))
    .sort();
}
