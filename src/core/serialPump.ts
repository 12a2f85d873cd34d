// One drain of an ordered queue at a time, whatever the backend: pump() starts `drain` unless it is
// running, and starts it again when it ended with work left (`more()`), e.g. a message queued while
// the last item was in flight.

export function createSerialPump(drain: () => Promise<void>, more: () => boolean): () => void {
  let draining = false;
  const pump = (): void => {
    if (draining) return;
    draining = true;
    drain().finally(() => {
      draining = false;
      if (more()) pump();
    });
  };
  return pump;
}
