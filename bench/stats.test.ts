import { budgetsTable, floorRatio, meetsBudget, resultsTable, summarize, type Figure } from './stats';
import { droppedFrames, publishAnswered, roundTrips, statusAfter, type SentRequest } from './scenario';
import type { TapRecord } from './env';

describe('bench statistics', () => {
  it('summarises runs as median, min and max', () => {
    expect(summarize([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(summarize([7])).toEqual({ median: 7, min: 7, max: 7 });
    expect(() => summarize([])).toThrow('no values');
  });

  it('compares with the floor and with a budget given as a multiple of the floor', () => {
    const cpu: Figure = { id: 'cpu', label: 'CPU', unit: 'ms', values: [30, 50, 40], floor: [10, 30, 20], budget: { floorTimes: 2 } };
    expect(floorRatio(cpu)).toBe(2);
    expect(meetsBudget(cpu)).toBe(true);
    expect(meetsBudget({ ...cpu, values: [41, 41, 41] })).toBe(false);
    expect(meetsBudget({ ...cpu, budget: undefined })).toBeUndefined();
    expect(floorRatio({ ...cpu, floor: undefined })).toBeUndefined();
  });

  it('renders the results and the budgets as Markdown tables', () => {
    const figures: Figure[] = [
      { id: 'a', label: 'Resync', unit: 'ms', values: [150, 100, 120], floor: [50, 40, 60], before: '147 ms', budget: { max: 110 } },
      { id: 'b', label: 'Requests', unit: 'count', values: [5] },
      { id: 'c', label: 'Bytes', unit: 'bytes', values: [114_600], budget: { max: 100_000 } },
    ];
    expect(resultsTable(figures).split('\n')).toEqual([
      '| figure | before (from the issue) | after: median (min–max) | floor | ×floor | goal | |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| Resync | 147 ms | 120 ms (100 ms–150 ms) | 50 ms (40 ms–60 ms) | ×2.4 | ≤ 110 ms | **missed** |',
      '| Requests |  | 5 |  |  |  |  |',
      '| Bytes |  | 114.6 KB |  |  | ≤ 100.0 KB | **missed** |',
    ]);
    expect(budgetsTable(figures).split('\n').slice(2)).toEqual(['| Resync | ≤ 110 ms | 120 ms | **missed** |', '| Bytes | ≤ 100.0 KB | 114.6 KB | **missed** |']);
  });
});

describe('bench counts from the socket', () => {
  const req = (id: string, at: number, answeredAt?: number): SentRequest => ({ id, type: 't', at, raw: '', body: undefined, ...(answeredAt ? { answeredAt } : {}) });

  it('counts round trips as the longest chain of requests sent after an answer', () => {
    expect(roundTrips([req('1', 0, 10), req('2', 1, 12), req('3', 2, 15)], 20)).toBe(1);
    expect(roundTrips([req('1', 0, 10), req('2', 11, 20), req('3', 21, 30), req('4', 21, 31)], 40)).toBe(3);
    expect(roundTrips([req('1', 0, 10), req('2', 50, 60)], 40)).toBe(1);
  });

  it('counts the frames late by more than one 60 Hz interval', () => {
    expect(droppedFrames([0, 16.7, 33.3, 50])).toBe(0);
    expect(droppedFrames([0, 16.7, 66.7, 83.3])).toBe(2);
  });

  it('finds the first status after a moment, and when a message was published and answered on any socket', () => {
    const statuses = [{ at: 5, status: 'online' }, { at: 10, status: 'offline' }, { at: 20, status: 'reconnecting' }, { at: 30, status: 'online' }];
    expect(statusAfter({ statuses }, 0, 'online')).toBe(5);
    expect(statusAfter({ statuses }, 5, 'online')).toBe(30);
    expect(statusAfter({ statuses }, 30, 'online')).toBeUndefined();
    const publish = (id: string, message: string) => JSON.stringify({ kind: 'req', id, type: 'ms.PublishEvent', body: { dialogId: 'd', event: { type: 'ContentEvent', message } } });
    const answer = (id: string) => JSON.stringify({ kind: 'resp', reqId: id, code: 200 });
    const frame = (socket: number, dir: 'in' | 'out', at: number, data: string) => ({ socket, dir, at, data });
    const tap = (frames: TapRecord['frames']) => ({ frames }) as TapRecord;
    // Sent on a socket that died unanswered, then again (the same request id) on the next one.
    const frames = [frame(0, 'out', 1, publish('7', 'hi')), frame(1, 'out', 40, publish('7', 'hi')), frame(1, 'in', 41, answer('7')), frame(1, 'out', 50, publish('8', 'hi there')), frame(1, 'in', 52, answer('8'))];
    expect(publishAnswered(tap(frames), 'hi')).toBe(41);
    expect(publishAnswered(tap(frames), 'hi there')).toBe(52);
    expect(publishAnswered(tap(frames.slice(0, 2)), 'hi')).toBeUndefined();
    expect(publishAnswered(tap(frames), 'h')).toBeUndefined();
  });
});
