// frame.html's entry: the app (frame.tsx) with the LivePerson session, one for all of the visitor's
// tabs (src/embed/tabs: only the leading tab creates it). Nothing of Genesys is imported here or by
// frame.tsx: Genesys has its own entry and build (frameGenesys.tsx), and one session per tab (its
// session mints its own client ids, which a handover needs to be the typing tab's).
import type { FrameConfig } from './protocol';
import { normalizeConfig } from '../liveperson/config';
import { loadRichContentReader } from '../liveperson/decodeMessaging';
import { createLivePersonSession } from '../liveperson/session';
import { startFrame } from './frame';
import { createTabsSession, tabsSupported, type SessionHooks } from './tabs/tabsSession';

const key = (config: FrameConfig) => config.account ?? '';

startFrame({
  key,
  create(settings, getJwt) {
    const { jwt: _initial, theme: _theme, account, ...rest } = settings;
    const create = (hooks?: SessionHooks) =>
      createLivePersonSession({ ...rest, account: account ?? '', ...(getJwt ? { getJwt } : {}) }, hooks ? { newClientId: hooks.newClientId } : {});
    if (!tabsSupported()) return create();
    normalizeConfig({ ...settings, account: account ?? '' }); // a ConfigError in every tab, leading or not
    // A signed-in visitor's tabs share their session apart from anonymous ones.
    return createTabsSession({ key: `${key(settings)}${getJwt ? ':signed-in' : ''}`, create, offers: { markUrgent: settings.markUrgent === true, earlier: true, files: true }, richContent: loadRichContentReader });
  },
  restartOnLogin: true,
});
