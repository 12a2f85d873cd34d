// Server-Sent Events for the agent console: `changed` whenever anything in the account changes.
import type { StandInContext } from '../context';
import { accountOf } from './params';
import { route, type Route } from './router';

export function streamRoutes(ctx: StandInContext): Route[] {
  return [
    route('GET', /^\/agent\/api\/([^/]+)\/stream$/, (req, res, [a]) => {
      const account = accountOf(ctx, a);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      const changed = (conversationId: string) => res.write(`event: changed\ndata: ${JSON.stringify({ conversationId })}\n\n`);
      const stop = account.listen({ conversation: (conv) => changed(conv.id), event: (conv) => changed(conv.id) });
      req.on('close', stop);
    }),
  ];
}
