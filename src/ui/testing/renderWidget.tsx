// Renders <ParleyApp> over a fake session for component tests.
import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChatView, ConnectionView } from '../../core/model';
import { ParleyApp } from '../ParleyApp';
import { createFakeSession } from './fakeSession';

export function renderWidget(options: { open?: boolean; chat?: Partial<ChatView>; connection?: ConnectionView } = {}) {
  const session = createFakeSession({ chat: options.chat, connection: options.connection });
  const user = userEvent.setup();
  const view = render(<ParleyApp session={session} initiallyOpen={options.open ?? false} />);
  /** Pushes a snapshot from the "backend" and lets the query cache notify the components. */
  const push = (update: Parameters<typeof session.push>[0]) =>
    act(async () => {
      session.push(update);
      // react-query batches cache notifications on a zero-delay timer.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  return { session, user, push, ...view };
}
