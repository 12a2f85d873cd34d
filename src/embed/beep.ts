// The new-message sound: a short two-tone chime generated with Web Audio (no audio file is
// shipped). Browsers let a frame play sound only after the visitor interacted with it (autoplay
// policy): `unlock` on the visitor's first click or key press in the frame makes the context, and
// beep() plays only when it runs. Each sound played is counted on <html data-parley-sounds>.

let context: AudioContext | undefined;
let played = 0;

function audio(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  try {
    return (context ??= new AudioContext());
  } catch {
    return undefined;
  }
}

/** Makes (and resumes) the audio context in a user gesture, so that later sounds may play. */
export function unlockSound(): void {
  void audio()?.resume().catch(() => undefined);
}

/** Plays the chime; resolves false when the browser does not let the frame play sound. */
export async function beep(): Promise<boolean> {
  const ctx = audio();
  if (!ctx) return false;
  if (ctx.state !== 'running') await Promise.race([ctx.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 300))]);
  if (ctx.state !== 'running') return false;
  const t = ctx.currentTime;
  const tone = ctx.createOscillator();
  const volume = ctx.createGain();
  tone.frequency.setValueAtTime(880, t);
  tone.frequency.setValueAtTime(660, t + 0.09);
  volume.gain.setValueAtTime(0.0001, t);
  volume.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
  volume.gain.exponentialRampToValueAtTime(0.0001, t + 0.24);
  tone.connect(volume);
  volume.connect(ctx.destination);
  tone.start(t);
  tone.stop(t + 0.25);
  document.documentElement.dataset.parleySounds = String(++played);
  return true;
}
