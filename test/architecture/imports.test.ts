import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

/**
 * The shape of the code (ARCHITECTURE.md, Layout), held by its imports: each folder imports only
 * the folders below it, the Temporal contract imports nothing of the project, and there is no
 * import circle. A forbidden import fails here with the file and line that made it.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Which folders each folder may import; `type:` entries allow `import type` only. */
const ALLOWED: Record<string, readonly string[]> = {
  lib: [],
  'workflows/definitions': [],
  db: ['lib', 'workflows/definitions'],
  knowledge: ['lib', 'type:db'],
  quality: ['lib', 'workflows/definitions'],
  activities: ['db', 'lib', 'knowledge', 'quality', 'workflows/definitions'],
  workflows: ['workflows/definitions', 'quality', 'type:activities'],
  schema: ['db', 'lib', 'knowledge', 'quality', 'workflows/definitions'],
  gateway: ['schema', 'db', 'lib', 'knowledge', 'workflows/definitions'],
  bridge: ['db', 'knowledge', 'lib', 'workflows/definitions'],
  worker: ['workflows', 'activities', 'db', 'lib', 'knowledge', 'quality'],
  'scripts/simulators': [],
  scripts: ['lib', 'scripts/simulators'],
  web: [],
};

/** The folder (layer) a project file belongs to, or undefined for tests, benches and config. */
function layerOf(file: string): string | undefined {
  if (file === 'worker.ts') return 'worker';
  const parts = file.split('/');
  if (parts[0] === 'workflows' && parts[1] === 'definitions') return 'workflows/definitions';
  if (parts[0] === 'scripts' && parts[1] === 'simulators') return 'scripts/simulators';
  return parts[0] && parts.length > 1 && parts[0] in ALLOWED ? parts[0] : undefined;
}

interface Import {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every relative import in the project's own source (tests, benches and generated files aside). */
function projectImports(dir = root): Import[] {
  const found: Import[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      if (['node_modules', '.git', 'dist', 'test', 'bench', 'artifacts'].includes(name)) continue;
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) found.push(...importsOf(relative(dir, full), dir));
    }
  };
  walk(dir);
  return found;
}

function importsOf(file: string, dir = root): Import[] {
  const text = readFileSync(join(dir, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => ({
    from: file,
    to: relative(dir, resolve(dir, dirname(file), match[3] as string)),
    line: text.slice(0, match.index).split('\n').length,
    typeOnly: match[2] !== undefined,
  }));
}

/** The imports that break the layering, as `file:line → target (why)`. */
function forbiddenImports(imports: Import[]): string[] {
  const problems: string[] = [];
  for (const imp of imports) {
    const from = layerOf(imp.from);
    if (!from) continue;
    const to = layerOf(imp.to);
    if (to === from) continue;
    const allowed = ALLOWED[from] ?? [];
    const ok = to !== undefined && (allowed.includes(to) || (imp.typeOnly && allowed.includes(`type:${to}`)));
    if (!ok) problems.push(`${imp.from}:${imp.line} → ${imp.to} (${from} may not import ${to ?? 'that file'})`);
  }
  return problems;
}

/** Import circles between files, each as the list of files around it. */
function importCircles(imports: Import[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const imp of imports) edges.set(imp.from, [...(edges.get(imp.from) ?? []), imp.to]);
  const circles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') circles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return circles;
}

describe('the shape of the code', () => {
  const imports = projectImports();

  it('reads the imports of every folder', () => {
    const layers = new Set(imports.map((imp) => layerOf(imp.from)));
    for (const layer of ['db', 'schema', 'gateway', 'bridge', 'workflows', 'activities', 'web']) {
      expect(layers).toContain(layer);
    }
  });

  it('has each folder import only the folders below it', () => {
    expect(forbiddenImports(imports)).toEqual([]);
  });

  it('has no import circle', () => {
    expect(importCircles(imports).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('fails on a planted forbidden import', () => {
    const planted: Import[] = [
      { from: 'schema/call.ts', to: 'gateway/app.ts', line: 1, typeOnly: false },
      { from: 'workflows/definitions/call.ts', to: 'db/calls.ts', line: 1, typeOnly: true },
      { from: 'workflows/call.ts', to: 'activities/calls.ts', line: 1, typeOnly: false },
      { from: 'web/src/viewer.tsx', to: 'lib/permissions.ts', line: 3, typeOnly: true },
    ];
    expect(forbiddenImports(planted)).toHaveLength(planted.length);
    expect(
      importCircles([...planted.slice(0, 1), { ...planted[0]!, from: 'gateway/app.ts', to: 'schema/call.ts' }]),
    ).toHaveLength(1);
  });
});
