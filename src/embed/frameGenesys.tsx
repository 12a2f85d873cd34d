// genesys.html's entry (a build of its own, vite.pages.config.ts): the app (frame.tsx) with the
// Genesys session, whose code and the cometd client are a lazy chunk (genesysSession.ts).
import { startFrame } from './frame';

startFrame({
  key: (config) => `genesys:${config.gms ?? ''}:${config.service ?? ''}`,
  create: async (settings) => (await import('./genesysSession')).genesysSession(settings),
  // GMS has no consumer tokens.
  restartOnLogin: false,
});
