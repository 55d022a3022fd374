/**
 * The benchmark's command line: `npm run bench -- --sf 0.01 --duration 2`. Every option has a default
 * that makes `npm run bench` the documented run (SF 0.1, concurrency 8, 5 s per query and contender).
 */
export interface BenchOptions {
  /** Scale factor: 1 ≈ 200 zones, 2,000 clusters, 100,000 companies, ≈ 1 million relationships. */
  sf: number;
  /** Seed of the data generator. */
  seed: number;
  /** Concurrent requests in flight, for every contender. */
  concurrency: number;
  /** Seconds measured per query and contender. */
  duration: number;
  /** Seconds of warm-up per query and contender (not measured). */
  warmup: number;
  /** Slices the measured time is split into, the contenders taking turns. */
  rounds: number;
  /** How many times the server's cold start is measured. */
  coldStarts: number;
  /** Only these queries (names from queries.ts); all when empty. */
  only: string[];
  /** Record a CPU profile of our server (node --cpu-prof) during its load runs. */
  cpuProf: boolean;
  /** Keep the temporary Neo4j store after the run. */
  keepData: boolean;
  /** With NEO4J_URI: load into a database that already holds nodes after deleting them all. */
  wipe: boolean;
}

const DEFAULTS: BenchOptions = {
  sf: 0.1,
  seed: 42,
  concurrency: 8,
  duration: 5,
  warmup: 1,
  rounds: 5,
  coldStarts: 3,
  only: [],
  cpuProf: false,
  keepData: false,
  wipe: false,
};

const USAGE = `Usage: npm run bench -- [options]
  --sf <n>            scale factor (default 0.1; 0.01 quick; 1 ≈ 1 million relationships)
  --seed <n>          generator seed (default 42)
  --concurrency <n>   requests in flight (default 8)
  --duration <s>      measured seconds per query and contender (default 5)
  --warmup <s>        warm-up seconds per query and contender (default 1)
  --rounds <n>        slices the measured time is split into, contenders taking turns (default 5)
  --cold-starts <n>   cold-start measurements of our server (default 3)
  --only <a,b>        only these queries
  --cpu-prof          write a CPU profile of our server under load (bench/results/)
  --keep-data         keep the temporary Neo4j store
  --wipe              with NEO4J_URI: delete every node of that database first (it must be a scratch one)`;

function positive(name: string, raw: string | undefined, integer: boolean): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} needs a positive ${integer ? 'integer' : 'number'}; got ${raw}\n${USAGE}`);
  }
  return value;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options = { ...DEFAULTS, only: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sf':
        options.sf = positive('sf', value(), false);
        break;
      case '--seed':
        options.seed = positive('seed', value(), true);
        break;
      case '--concurrency':
        options.concurrency = positive('concurrency', value(), true);
        break;
      case '--duration':
        options.duration = positive('duration', value(), false);
        break;
      case '--warmup':
        options.warmup = positive('warmup', value(), false);
        break;
      case '--rounds':
        options.rounds = positive('rounds', value(), true);
        break;
      case '--cold-starts':
        options.coldStarts = positive('cold-starts', value(), true);
        break;
      case '--only':
        options.only = (value() ?? '').split(',').filter(Boolean);
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--keep-data':
        options.keepData = true;
        break;
      case '--wipe':
        options.wipe = true;
        break;
      case '--help':
      case '-h':
        process.stderr.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.sf > 2)
    throw new Error(`--sf ${options.sf} is more than this benchmark is sized for (2 at most)`);
  return options;
}

/** Progress goes to stderr, one line each, with the time since the start. */
const started = performance.now();
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}
