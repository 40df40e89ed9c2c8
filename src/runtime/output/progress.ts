// A progress line on stderr for work that takes more than about a second (writing demo data, reading big --data
// files, loading an engine, running tests): count, rate and elapsed time, redrawn in place, then a one-line summary.
// It says nothing when stderr is not a terminal, so pipes, files and CI logs stay as they were.

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** What is counted: 'rows', 'cases'. */
  readonly unit?: string;
  /** Show it at all (default: the stream is a TTY). */
  readonly enabled?: boolean;
  /** Quiet for this long first, so quick work prints nothing (default 1000 ms). */
  readonly delayMs?: number;
  /** Redraw at most this often (default 100 ms). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export class Progress {
  private count = 0;
  private readonly started: number;
  private lastDraw = 0;
  private shown = false;
  private readonly enabled: boolean;
  private readonly unit: string;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly label: string,
    private readonly stream: ProgressStream = process.stderr,
    options: ProgressOptions = {},
  ) {
    this.enabled = options.enabled ?? stream.isTTY === true;
    this.unit = options.unit ?? 'rows';
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** Count `n` more; redraws when it is time to. */
  add(n: number): void {
    this.count += n;
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.started < this.delayMs || t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    this.shown = true;
    this.stream.write(`\r\x1b[K${this.label}: ${this.line(t)}`);
  }

  /** Take the line away while other output is written (it comes back with the next add). */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }

  /** Replace the line with the summary, if the line was ever shown (quick work stays silent). */
  done(what?: string): void {
    if (!this.enabled || !this.shown) return;
    this.stream.write(`\r\x1b[K${this.label}: ${what ? `${what}, ` : ''}${this.line(this.now())}\n`);
    this.shown = false;
  }

  private line(t: number): string {
    const s = (t - this.started) / 1000;
    const rate = s > 0 ? Math.round(this.count / s) : 0;
    return `${group(this.count)} ${this.unit} in ${s.toFixed(1)} s (${group(rate)} ${this.unit}/s)`;
  }
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
