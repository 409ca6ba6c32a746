/** One sample line of Prometheus' text exposition format: `name{label="value",…} number`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** What `/metrics` answered, parsed, with the series looked up by name and exact labels. */
export class Exposition {
  constructor(
    readonly samples: readonly Sample[],
    /** `# TYPE` lines: metric name → counter, gauge, histogram… */
    readonly types: ReadonlyMap<string, string>,
  ) {}

  /** The sample with exactly these labels (0 when the series is absent, as Prometheus' `or vector(0)` would read it). */
  value(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.find(name, labels)?.value ?? 0;
  }

  find(name: string, labels: Readonly<Record<string, string>> = {}): Sample | undefined {
    return this.samples.find((sample) => sample.name === name && sameLabels(sample.labels, labels));
  }

  /** Every sample of the name (any labels). */
  all(name: string): readonly Sample[] {
    return this.samples.filter((sample) => sample.name === name);
  }

  has(name: string): boolean {
    return this.samples.some((sample) => sample.name === name);
  }
}

/** Scrapes `GET <baseUrl>/metrics` (no token) and parses it; fails on anything but 200. */
export async function scrape(baseUrl: string): Promise<Exposition> {
  const response = await fetch(`${baseUrl}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${text.slice(0, 300)}`);
  return parseExposition(text);
}

/** Parses the text format strictly: a line that is neither a comment nor a well-formed sample throws. */
export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line);
      if (type) types.set(type[1]!, type[2]!);
      continue;
    }
    samples.push(parseSample(line));
  }
  return new Exposition(samples, types);
}

function parseSample(line: string): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) throw new Error(`Not a sample line: ${line}`);
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at += 1;
    while (line[at] !== '}') {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (!label) throw new Error(`Bad label at ${at} in: ${line}`);
      at += label[0].length;
      let value = '';
      for (; line[at] !== '"'; at += 1) {
        if (at >= line.length) throw new Error(`Unterminated label value in: ${line}`);
        if (line[at] === '\\') {
          at += 1;
          value += line[at] === 'n' ? '\n' : line[at];
        } else value += line[at];
      }
      labels[label[1]!] = value;
      at += 1; // the closing quote
      if (line[at] === ',') at += 1;
    }
    at += 1; // the closing brace
  }
  const rest = line.slice(at).trim().split(/\s+/);
  // Go's ParseFloat, which Prometheus uses, takes any case of NaN and Inf (prom-client writes `Nan`).
  const word = rest[0]?.toLowerCase();
  const value = word === '+inf' || word === 'inf' ? Infinity : word === '-inf' ? -Infinity : word === 'nan' ? NaN : Number(rest[0]);
  if (word === undefined || (Number.isNaN(value) && word !== 'nan')) throw new Error(`Bad value in: ${line}`);
  return { name, labels, value };
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
