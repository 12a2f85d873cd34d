// The lint step rejects an import against the layers of docs/architecture.md (eslint.layers.js):
// this runs the repository's ESLint configuration on small probes placed in each folder.
import { describe, expect, it } from 'vitest';
import { lintProbe } from './lint-probe';

async function layerErrors(file: string, code: string): Promise<string[]> {
  return (await lintProbe(file, `${code}\nexport const used = [x];\n`)).filter((m) => m.ruleId === 'parley/layers').map((m) => m.message);
}

describe('the layers lint rule', () => {
  it.each([
    ['core importing the UI', 'src/core/probe.ts', "import { x } from '../ui/i18n';"],
    ['core importing a backend', 'src/core/probe.ts', "import { x } from '../liveperson/wire';"],
    ['core importing a package', 'src/core/probe.ts', "import { x } from 'react';"],
    ['core importing the embed lazily', 'src/core/probe.ts', "const x = import('../embed/frame');"],
    ['the UI importing LivePerson', 'src/ui/probe.tsx', "import { x } from '../liveperson/decode';"],
    ['the UI importing Genesys as types', 'src/ui/rich/probe.tsx', "import type { x } from '../../genesys/config';"],
    ["a UI test importing LivePerson's test frames", 'src/ui/probe.test.tsx', "import { x } from '../liveperson/testing/fuzzFrames';"],
    ['the UI importing the embed', 'src/ui/probe.tsx', "import { x } from '../embed/types';"],
    ['the UI importing platform', 'src/ui/probe.tsx', "import { x } from '../platform/storage';"],
    ['LivePerson importing the UI', 'src/liveperson/probe.ts', "import { x } from '../ui/text';"],
    ['LivePerson importing Genesys', 'src/liveperson/probe.ts', "export { x } from '../genesys/keys';"],
    ['Genesys importing LivePerson', 'src/genesys/probe.ts', "import { x } from '../liveperson/errors';"],
    ['LivePerson code importing the stand-in', 'src/liveperson/probe.ts', "import { x } from '../../server/standin';"],
    ['platform importing a backend', 'src/platform/probe.ts', "import { x } from '../liveperson/wire';"],
    ['the embed importing Genesys code outside genesysSession.ts', 'src/embed/probe.ts', "import { x } from '../genesys/session';"],
    ['the server importing the UI', 'server/http/probe.ts', "import { x } from '../../src/ui/i18n';"],
    ['the server importing core', 'server/probe.ts', "export * from '../src/core/model';"],
    ['the server importing LivePerson beyond its wire types', 'server/ws/probe.ts', "import { x } from '../../src/liveperson/decode';"],
  ])('rejects %s', async (_name, file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1);
  }, 30_000);

  it.each([
    ['core importing core', 'src/core/test-support/probe.ts', "import { x } from '../model';"],
    ['a core test importing fast-check', 'src/core/probe.test.ts', "import x from 'fast-check';"],
    ['the UI importing core and React', 'src/ui/files/probe.tsx', "import { x } from '../../core/model';\nimport { useState } from 'react';\nvoid useState;"],
    ['a UI test importing the schemas', 'src/ui/rich/probe.test.ts', "import { x } from '../../../test/lp-schemas';"],
    ['LivePerson importing core and platform', 'src/liveperson/probe.ts', "import { x } from '../core/model';\nimport { y } from '../platform/storage';\nvoid y;"],
    ['a LivePerson test driving the stand-in', 'src/liveperson/probe.test.ts', "import { x } from '../../server/standin';"],
    ["a Genesys test helper using the stand-in's harness", 'src/genesys/testing/probe.ts', "import { x } from '../../../server/testing/harness';"],
    ['the embed importing the UI and LivePerson', 'src/embed/probe.ts', "import { x } from '../ui/ChatWindow';\nimport { y } from '../liveperson/session';\nvoid y;"],
    ["the embed importing Genesys' types", 'src/embed/probe.ts', "import type { x } from '../genesys/config';"],
    ['the embed importing a Genesys type by name', 'src/embed/probe.ts', "import { type x } from '../genesys/config';"],
    ['genesysSession.ts importing the Genesys session', 'src/embed/genesysSession.ts', "import { x } from '../genesys/session';"],
    ["the server importing LivePerson's wire types", 'server/state/probe.ts', "import { x } from '../../src/liveperson/wire';"],
    ["the console importing the widget's GWS decoders", 'server/console/src/genesys/probe.ts', "import { x } from '../../../../src/genesys/gwsDecode';"],
    ['an e2e spec importing anything', 'e2e/probe.spec.ts', "import { x } from '../src/liveperson/decode';"],
  ])('accepts %s', async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  }, 30_000);
});
