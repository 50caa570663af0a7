/**
 * Entry point of the `scaling-lab` CLI: wires the subcommands into commander and turns every error into
 * one line on stderr with the right exit code (2 bad usage, 1 failure).
 */
import { Command, CommanderError } from 'commander';
import { exitWithParent } from '../runner/child-run';
import { followThreadMessages } from '../runner/thread-env';
import { EXIT_USAGE, reportError } from './errors';
import { version } from '../../package.json';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: `list` then never loads the report
 * renderer (vega, resvg), the trainer's wasm backend or the progress bar. Help and unknown commands load all.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  list: async () => (await import('./commands/list')).registerList,
  inspect: async () => (await import('./commands/inspect')).registerInspect,
  train: async () => (await import('./commands/train')).registerTrain,
  run: async () => (await import('./commands/run')).registerRun,
  search: async () => (await import('./commands/search')).registerSearch,
  report: async () => (await import('./commands/report')).registerReport,
  bench: async () => (await import('./commands/bench')).registerBench,
  'paper-tables': async () => (await import('./commands/paper-tables')).registerPaperTables,
};

/** The program with every command, or with only `commandName` when that names one. */
export async function buildProgram(commandName?: string): Promise<Command> {
  const program = new Command('scaling-lab')
    .description(
      'Compare depth, width, resolution and compound scaling of CNN backbones (EfficientNet, Tan & Le 2019).',
    )
    .version(version, '-V, --version', 'print the scaling-lab version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  const names =
    commandName !== undefined && Object.hasOwn(COMMANDS, commandName) ? [commandName] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]()))) register(program);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ outputError: () => undefined });
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // A training process started by a sweep ends with it, even when the sweep is killed with -9.
  exitWithParent();
  // ... and uses every core once it is the sweep's last run still going.
  // (The trainer is loaded by then: the message only comes to a running training child.)
  followThreadMessages(async (threads) => {
    const { setNativeThreads } = await import('@scaling-lab/train');
    const status = setNativeThreads(threads);
    if (status.enabled)
      process.stderr.write(`native kernels: now ${status.reason} (the sweep's last running trainer)\n`);
  });
  silenceEmscriptenAbort();
  let program: Command | undefined;
  try {
    program = await buildProgram(argv[2]);
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = program ? handle(program, argv, error) : reportError(error);
  }
}

function handle(program: Command, argv: string[], error: unknown): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return 0;
    }
    process.stderr.write(`scaling-lab: error: ${commanderMessage(program, argv, error)}\n`);
    return EXIT_USAGE;
  }
  return reportError(error);
}

/** Commander's messages, reworded to name the allowed values and the fix. */
function commanderMessage(program: Command, argv: string[], error: CommanderError): string {
  const message = error.message.replace(/^error: /, '').split('\n')[0];
  const command = program.commands.find((c) => c.name() === argv[2]);
  if (error.code === 'commander.unknownOption' && command) {
    const allowed = command.options
      .map((o) => o.long)
      .filter(Boolean)
      .join(', ');
    return `${message} for '${command.name()}'; allowed flags: ${allowed} (see 'scaling-lab ${command.name()} --help')`;
  }
  if (error.code === 'commander.unknownCommand' || (error.code === 'commander.unknownOption' && !command)) {
    const commands = program.commands.map((c) => c.name()).join(', ');
    return `${message}; commands: ${commands} (see 'scaling-lab --help')`;
  }
  if (command) return `${message} (see 'scaling-lab ${command.name()} --help')`;
  return message;
}

/**
 * tfjs-wasm's emscripten runtime prints "Aborted()" on its own before throwing; the error that follows is
 * reported by us in one line, so that extra line is dropped.
 */
function silenceEmscriptenAbort(): void {
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (args.length === 1 && typeof args[0] === 'string' && /^Aborted\(.*\)$/.test(args[0])) return;
      original(...args);
    };
  }
}
