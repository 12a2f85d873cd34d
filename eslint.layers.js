// The layers of docs/architecture.md ("Layers and folders") as a lint rule, `parley/layers`: an
// import from a folder to one it may not import (a back-edge) is an error in `npm run lint`.
// Relative imports are resolved against the importing file; package imports are checked only in
// src/core, which imports no package at all (it is pure: no React, no I/O).
import path from 'node:path';

const root = import.meta.dirname;

/**
 * Each folder and what it may import besides itself (folders, or single files). Folders not listed
 * (e2e, bench, scripts, test, src/main.tsx's demo page) are harnesses above every layer.
 */
export const LAYERS = [
  { folder: 'src/core', may: [] },
  { folder: 'src/platform', may: ['src/core'] },
  { folder: 'src/liveperson', may: ['src/core', 'src/platform'] },
  { folder: 'src/genesys', may: ['src/core', 'src/platform'] },
  { folder: 'src/ui', may: ['src/core'] },
  // Genesys' code reaches the LivePerson app only as types, or through the lazy genesysSession.ts
  // (scripts/genesys-free.mjs checks the built first load byte for byte).
  { folder: 'src/embed', may: ['src/core', 'src/platform', 'src/ui', 'src/liveperson', 'src/genesys'], valueImports: { 'src/genesys': ['src/embed/genesysSession.ts'] } },
  // The stand-in speaks LivePerson's wire types; the agent console decodes GWS as the widget does.
  { folder: 'server', may: ['src/liveperson/wire.ts', 'src/genesys/gwsDecode.ts'] },
];

/** What a test (a *.test file, or a testing/ or test-support/ helper) may import besides its folder's own: the stand-in, and the schemas in test/. */
const TEST_MAY = ['server', 'test'];

const posix = (p) => p.split(path.sep).join('/');
const within = (file, place) => file === place || file.startsWith(`${place}/`) || file.replace(/\.(ts|tsx|js|mjs)$/, '') === place.replace(/\.(ts|tsx|js|mjs)$/, '');
const layerOf = (file) => LAYERS.find((layer) => within(file, layer.folder));
const isTest = (file) => /\.test\.tsx?$/.test(file) || /\/(testing|test-support)\//.test(file);

/** Why `file` may not import `source` (`typeOnly`: erased at build), or undefined when it may. */
export function backEdge(file, source, typeOnly) {
  const layer = layerOf(file);
  if (!layer) return undefined;
  if (!source.startsWith('.')) {
    return layer.folder === 'src/core' && !isTest(file) ? `${layer.folder} imports no package ('${source}'): core is pure` : undefined;
  }
  const target = posix(path.relative(root, path.resolve(root, path.dirname(file), source)));
  if (within(target, layer.folder)) return undefined;
  const allowed = layer.may.find((place) => within(target, place)) ?? (isTest(file) ? TEST_MAY.find((place) => within(target, place)) : undefined);
  if (allowed === undefined) return `${layer.folder} may not import ${target} (docs/architecture.md, "Layers and folders")`;
  const onlyFrom = layer.valueImports?.[allowed];
  if (onlyFrom && !typeOnly && !onlyFrom.includes(file)) return `${layer.folder} imports ${allowed} as types only, or from ${onlyFrom.join(', ')}`;
  return undefined;
}

const layersRule = {
  meta: { type: 'problem', docs: { description: 'No import against the layers of docs/architecture.md' }, schema: [] },
  create(context) {
    const file = posix(path.relative(root, context.filename));
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return;
      const message = backEdge(file, source, typeOnly);
      if (message) context.report({ node, message });
    };
    const typeOnlyImport = (node) => node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };
