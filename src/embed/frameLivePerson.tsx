// frame.html's entry: the app (frame.tsx) with the LivePerson session. Nothing of Genesys is
// imported here or by frame.tsx: Genesys has its own entry and build (frameGenesys.tsx).
import { createLivePersonSession } from '../liveperson/session';
import { startFrame } from './frame';

startFrame({
  key: (config) => config.account ?? '',
  create({ jwt: _initial, theme: _theme, account, ...rest }, getJwt) {
    return createLivePersonSession({ ...rest, account: account ?? '', ...(getJwt ? { getJwt } : {}) });
  },
  restartOnLogin: true,
});
