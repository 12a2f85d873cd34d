// An echo bot written with LivePerson's node-agent-sdk, in the style of its README and sample bots:
// it goes ONLINE, accepts every ring, greets the visitor, marks each visitor message ACCEPT and READ,
// echoes it, and closes the conversation on "bye". Nothing in it knows about the stand-in: point it at
// any LivePerson account (README, "Test your LivePerson bot locally").
//
//   LP_ACCOUNT=demo LP_USER=bot LP_PASS=parley LP_CSDS=127.0.0.1:7789 \
//   NODE_EXTRA_CA_CERTS=/tmp/parley-cert.pem node server/agent/examples/echo-bot.mjs
import { Agent } from 'node-agent-sdk';

const reconnectInterval = Number(process.env.BOT_RECONNECT_SECONDS ?? 5); // in seconds
const reconnectAttempts = 35;
const reconnectRatio = 1.25; // ratio in the geometric series used to determine reconnect exponential back-off
const readDelayMs = Number(process.env.BOT_READ_DELAY_MS ?? 0); // how long the bot "reads" before it answers
// How often the SDK refreshes the agent session (its `refreshSessionInterval` option, read from its
// source; it defaults to 10 minutes). Tests shorten it to see the SDK's own refresh at work.
const refreshSessionInterval = process.env.BOT_REFRESH_SECONDS ? Number(process.env.BOT_REFRESH_SECONDS) * 1000 : undefined;

const agent = new Agent({
  accountId: process.env.LP_ACCOUNT,
  username: process.env.LP_USER,
  password: process.env.LP_PASS,
  csdsDomain: process.env.LP_CSDS, // leave unset for LivePerson itself
  refreshSessionInterval,
});

const log = (...args) => console.log('[echo-bot]', ...args);

/**
 * The conversations this bot handles, by id: whether its messaging subscription is up, whether it
 * greeted, which visitor messages it answered, and what arrived before the subscription was ready.
 */
const openConvs = {};

const text = (dialogId, message) => agent.publishEvent({ dialogId, event: { type: 'ContentEvent', contentType: 'text/plain', message } }, logError('publish'));
const receipt = (dialogId, status, sequence) => agent.publishEvent({ dialogId, event: { type: 'AcceptStatusEvent', status, sequenceList: [sequence] } }, logError(status));

function logError(what) {
  return (e) => {
    if (e) log(`${what} failed`, JSON.stringify(e));
  };
}

function answer(convId, conv, change) {
  if (conv.answered.has(change.sequence)) return;
  conv.answered.add(change.sequence);
  receipt(convId, 'ACCEPT', change.sequence);
  setTimeout(() => {
    receipt(convId, 'READ', change.sequence);
    const message = String(change.event.message);
    if (message.trim().toLowerCase() === 'bye') {
      text(convId, 'Goodbye!');
      agent.updateConversationField({
        conversationId: convId,
        conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }],
      }, logError('close'));
      return;
    }
    text(convId, `You said: ${message}`);
  }, readDelayMs);
}

function handle(convId, conv, changes) {
  for (const c of changes) {
    // Its own messages and READ receipts (also from before a restart) say what is already done.
    if (c.originatorId === agent.agentId) {
      if (c.event.type === 'ContentEvent') conv.greeted = true;
      if (c.event.type === 'AcceptStatusEvent' && c.event.status === 'READ') c.event.sequenceList.forEach((s) => conv.answered.add(s));
    }
  }
  for (const c of changes) {
    if (c.event.type === 'ContentEvent' && c.originatorMetadata && c.originatorMetadata.role === 'CONSUMER' && typeof c.event.message === 'string') answer(convId, conv, c);
  }
}

function join(convId) {
  const conv = (openConvs[convId] ??= { subscribed: false, ready: false, greeted: false, answered: new Set(), early: [] });
  if (conv.subscribed) return;
  conv.subscribed = true;
  conv.ready = false;
  agent.subscribeMessagingEvents({ dialogId: convId }, (e) => {
    if (e) {
      conv.subscribed = false;
      return log('subscribeMessagingEvents failed', JSON.stringify(e));
    }
    // The history came before this callback (as ms.MessagingEventNotification); now greet, then answer.
    conv.ready = true;
    const early = conv.early.splice(0);
    for (const c of early) if (c.originatorId === agent.agentId && c.event.type === 'ContentEvent') conv.greeted = true;
    if (!conv.greeted) {
      conv.greeted = true;
      text(convId, "Hi, I'm Parley Bot. I echo what you write; say bye to end.");
    }
    handle(convId, conv, early);
  });
}

agent.on('connected', () => {
  clearTimeout(agent._retryConnection);
  log('connected as', agent.agentId);
  for (const conv of Object.values(openConvs)) conv.subscribed = false;
  agent.setAgentState({ availability: 'ONLINE' }, logError('setAgentState'));
  agent.subscribeExConversations({ agentIds: [agent.agentId], convState: ['OPEN'] }, logError('subscribeExConversations'));
  agent.subscribeRoutingTasks({}, logError('subscribeRoutingTasks'));
  clearInterval(agent._pingClock);
  agent._pingClock = setInterval(() => agent.getClock({}, logError('getClock')), 30000);
});

agent.on('routing.RoutingTaskNotification', (body) => {
  body.changes.forEach((change) => {
    if (change.type !== 'UPSERT') return;
    change.result.ringsDetails.forEach((ring) => {
      if (ring.ringState === 'WAITING') {
        agent.updateRingState({ ringId: ring.ringId, ringState: 'ACCEPTED' }, (e, resp) => {
          if (e) log('updateRingState failed', JSON.stringify(e));
          else log('accepted', change.result.conversationId, JSON.stringify(resp));
        });
      }
    });
  });
});

agent.on('cqm.ExConversationChangeNotification', (body) => {
  body.changes.forEach((change) => {
    const convId = change.result.convId;
    if (change.type === 'DELETE') {
      delete openConvs[convId];
      log('conversation ended', convId);
      return;
    }
    const mine = change.result.conversationDetails.participants.some((p) => p.id === agent.agentId && p.role === 'ASSIGNED_AGENT');
    if (mine) join(convId);
  });
});

agent.on('ms.MessagingEventNotification', (body) => {
  const conv = openConvs[body.dialogId];
  if (!conv) return; // notifications may also come for conversations this bot does not handle
  if (conv.ready) handle(body.dialogId, conv, body.changes);
  else conv.early.push(...body.changes);
});

agent.on('error', (err) => {
  log('error', err && err.message ? err.message : JSON.stringify(err));
  if (err && err.code === 401) agent._reconnect();
});

// The SDK warns, among others, when its Transformer cannot map a dialog participant (and drops it).
agent.on('warn', (w) => log('warn', w && w.message ? w.message : JSON.stringify(w)));

agent.on('closed', (data) => {
  log('socket closed', JSON.stringify(data));
  agent._reconnect();
});

agent._reconnect = (delay = reconnectInterval, attempt = 1) => {
  clearTimeout(agent._retryConnection);
  agent._retryConnection = setTimeout(() => {
    agent.reconnect();
    if (++attempt <= reconnectAttempts) agent._reconnect(delay * reconnectRatio, attempt);
  }, delay * 1000);
};

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    clearInterval(agent._pingClock);
    clearTimeout(agent._retryConnection);
    agent.dispose();
    process.exit(0);
  });
}
