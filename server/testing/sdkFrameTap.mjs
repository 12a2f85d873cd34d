// Preloaded (node --import) into a process that runs node-agent-sdk: appends every frame its Transport
// sends and receives, as JSON lines {dir: 'out'|'in', frame}, to the file FRAME_TAP_FILE names, so a
// test can check each one against LivePerson's agent schemas; and the outcome of each agent session
// refresh the SDK makes on its own timer, as {dir: 'refresh', frame: {error, body}}. It changes
// nothing the SDK does.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const file = process.env.FRAME_TAP_FILE;
if (file) {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const Transport = require('node-agent-sdk/lib/Transport.js');
  const record = (dir, frame) => appendFileSync(file, `${JSON.stringify({ dir, frame })}\n`);
  const { send, _onMessage } = Transport.prototype;
  Transport.prototype.send = function tappedSend(message) {
    record('out', message);
    return send.call(this, message);
  };
  Transport.prototype._onMessage = function tappedMessage(data, flags) {
    let frame;
    try {
      frame = JSON.parse(String(data));
    } catch {
      frame = String(data);
    }
    record('in', frame);
    return _onMessage.call(this, data, flags);
  };
  const external = require('node-agent-sdk/lib/ExternalServices.js');
  const { refreshSession } = external;
  external.refreshSession = function tappedRefresh(options, callback) {
    return refreshSession.call(this, options, (err, body) => {
      record('refresh', { error: err ? String(err.message ?? err) : null, body: body ?? null });
      callback(err, body);
    });
  };
}
